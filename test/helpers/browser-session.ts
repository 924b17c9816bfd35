import type { InjectOptions } from 'fastify';
import type { TestApp, TestMember } from './test-app.js';

/** A member signed in as the web app is: session cookie plus the CSRF header on every call. */
export async function browserSession(t: TestApp, member: TestMember) {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email, password: 'correct horse battery', session: 'cookie' } });
  if (login.statusCode !== 200) throw new Error(`cookie login failed: ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = login.cookies.find((c) => c.name === 'rapport_csrf')!.value;
  return async (method: InjectOptions['method'], url: string, body?: unknown) => {
    const response = await t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}) });
    return { status: response.statusCode, body: response.body ? (response.json() as any) : null };
  };
}
