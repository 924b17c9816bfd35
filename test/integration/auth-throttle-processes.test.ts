import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../helpers/postgres.js';
import { postJson, startServer, type RunningServer } from '../helpers/spawn-server.js';
import { solvedCaptcha as solved } from '../helpers/captcha.js';

/**
 * Sign-in throttling is shared by every process: two `rapport serve` processes on one PostgreSQL
 * database count the same failures (PGlite is one process, so this runs when DATABASE_URL is set).
 * Both trust this machine as their proxy, so each attempt can come from a client address of its own,
 * as from a botnet: then only the account's counter decides, and the count must be exact.
 */
const base = process.env.DATABASE_URL;
const limits = defaultPolicy.signInThrottle;

/** A sign-in through one of the servers, as forwarded for the client at `clientAddress`. */
async function login(server: RunningServer, body: Record<string, string>, clientAddress: string) {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress },
    body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { code?: string; challenge?: any } };
}

describe.skipIf(!base)('sign-in throttling across two processes on one PostgreSQL database', () => {
  let name: string;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    name = await createDatabaseFrom(base!, inject('postgresTemplate')!);
    const url = databaseUrlFor(base!, name);
    servers = await Promise.all([0, 1].map(() => startServer({ DATABASE_URL: url, RAPPORT_TRUST_PROXY: '127.0.0.1' })));
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) await server.stop('SIGKILL');
    if (name) await dropDatabase(base!, name);
  });

  it('70 wrong passwords spread over both processes at once: exactly perAccount reach the password check', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const email = 'two-processes@example.com';
    const password = 'correct horse battery';
    expect((await postJson(`${a.url}/api/v1/auth/signup`, { email, password, name: 'Two Processes' })).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 70 }, (_, i) => login(i % 2 ? a : b, { email, password: `wrong ${i}` }, `10.2.0.${i + 1}`)));
    expect(answers.filter((x) => x.status === 401)).toHaveLength(limits.perAccount);
    expect(answers.filter((x) => x.status === 429)).toHaveLength(70 - limits.perAccount);
    // Either process refuses the right password without a captcha, and takes it with one solved from the other's challenge.
    const asked = await login(b, { email, password }, '10.2.1.1');
    expect([asked.status, asked.body.code]).toEqual([429, 'rate_limited']);
    const signedIn = await login(a, { email, password, captcha: await solved(asked.body.challenge) }, '10.2.1.1');
    expect(signedIn.status).toBe(200);
  }, 120_000);

  it('a lock counted on one process holds on the other, with Retry-After', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const email = 'sequential-two@example.com';
    expect((await postJson(`${a.url}/api/v1/auth/signup`, { email, password: 'correct horse battery', name: 'Sequential Two' })).status).toBe(201);
    for (let i = 0; i < limits.perAccount; i++) expect((await login(a, { email, password: `wrong ${i}` }, '10.1.0.1')).status).toBe(401);
    const refused = await login(b, { email, password: 'wrong again' }, '10.1.0.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  }, 60_000);
});
