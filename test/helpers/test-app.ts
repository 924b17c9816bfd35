import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DAY_MS, type AdjustableClock } from '../../src/domain/clock.js';
import { normalizeEmail } from '../../src/domain/member.js';
import type { Policy } from '../../src/domain/policy.js';
import { createLinkToken } from '../../src/mail/link-tokens.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createService, type Service } from '../../src/service.js';
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from './postgres.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestMember {
  id: string;
  token: string;
  email: string;
  name: string;
  signedInAt?: number;
}

export interface TestApp {
  app: FastifyInstance;
  service: Service;
  clock: AdjustableClock;
  backend: Backend;
  /** A request with a member's bearer token (or none), answering status and parsed JSON. */
  call(method: InjectOptions['method'], url: string, as?: TestMember | null, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  signUp(name: string, extra?: Record<string, unknown>): Promise<TestMember>;
  connect(a: TestMember, b: TestMember): Promise<void>;
  /** The member proves their address with a verification link's token, as from the mail (POST /auth/verify-email). */
  verifyEmail(member: TestMember): Promise<{ status: number; body: any }>;
  /** Moves the clock; members whose token would have expired sign in again, as a returning member would. */
  advanceDays(days: number): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;
/** The address `RAPPORT_ADMIN_EMAILS` lists in every test app. */
export const ADMIN_EMAIL = 'admin@example.com';

async function openTestDatabase(backend: Backend): Promise<{ database: Database; drop: () => Promise<void>; url?: string }> {
  if (backend === 'postgres') {
    const base = process.env.DATABASE_URL!;
    const template = inject('postgresTemplate');
    if (!template) throw new Error('no PostgreSQL template: DATABASE_URL was not set for the global setup');
    const name = await createDatabaseFrom(base, template);
    const url = databaseUrlFor(base, name);
    const database = await openDatabase({ databaseUrl: url, poolSize: 20 });
    return { database, url, drop: () => dropDatabase(base, name) };
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  const database = await openDatabase({ loadDataDir: new Blob([dump]) });
  return { database, drop: async () => {} };
}

/**
 * Tests sign up many members from one client address (inject's 127.0.0.1): the sign-up throttle's
 * per-address limits are lifted unless a test sets `signUpThrottle` itself.
 */
export const TEST_SIGN_UP_THROTTLE: Policy['signUpThrottle'] = { windowMinutes: 60, perAccount: 5, perAddress: 1_000_000, perAddressMax: 1_000_000 };

/**
 * Captchas cost tests a few thousand hashes, not the policy's second of work, unless a test sets
 * `captchaMaxNumber` itself (bench/captcha-cost.ts measures the real cost).
 */
export const TEST_CAPTCHA_MAX_NUMBER = 10_000;

/** A whole service on a fresh database, with the test clock, driven through Fastify's `inject`. */
export async function createTestApp(backend: Backend, policy: Partial<Policy> = {}, env: Record<string, string> = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase(backend);
  const config = loadConfig({ RAPPORT_TEST_CLOCK: '1', RAPPORT_POLICY: JSON.stringify({ signUpThrottle: TEST_SIGN_UP_THROTTLE, captchaMaxNumber: TEST_CAPTCHA_MAX_NUMBER, ...policy }), RAPPORT_ADMIN_EMAILS: ADMIN_EMAIL, ...env });
  const service = await createService(config, { logger: false, database, scheduler: false });
  const clock = service.testClock!;

  const call: TestApp['call'] = async (method, url, as, body, headers = {}) => {
    const response = await service.app.inject({
      method,
      url,
      headers: { ...(as ? { authorization: `Bearer ${as.token}` } : {}), ...headers },
      ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
    });
    let parsed: unknown = null;
    try {
      parsed = response.body ? JSON.parse(response.body) : null;
    } catch {
      parsed = response.body;
    }
    return { status: response.statusCode, body: parsed, headers: response.headers };
  };

  const signUp: TestApp['signUp'] = async (name, extra = {}) => {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${++counter}@example.com`;
    const answer = await call('POST', '/api/v1/auth/signup', null, { email, password: 'correct horse battery', name, ...extra });
    if (answer.status !== 201) throw new Error(`sign up failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    const member = { id: answer.body.member.id, token: answer.body.token, email: (extra.email as string | undefined) ?? email, name, signedInAt: clock.now().getTime() };
    members.push(member);
    // Admin rights start when the address is proven: an operator's account verifies it, as from the mail.
    if (member.email === ADMIN_EMAIL && (await verifyEmail(member)).status !== 200) throw new Error('the admin could not verify their address');
    return member;
  };

  const members: TestMember[] = [];
  const TOKEN_REFRESH_MS = 60 * DAY_MS;
  const advanceDays: TestApp['advanceDays'] = async (days) => {
    clock.advance(days * DAY_MS);
    const now = clock.now().getTime();
    for (const member of members) {
      if (now - (member.signedInAt ?? 0) < TOKEN_REFRESH_MS) continue;
      const login = await call('POST', '/api/v1/auth/login', null, { email: member.email, password: 'correct horse battery' });
      if (login.status === 200) Object.assign(member, { token: login.body.token, signedInAt: now });
    }
  };

  const connect: TestApp['connect'] = async (a, b) => {
    const sent = await call('POST', '/api/v1/invitations', a, { recipientId: b.id, email: b.email });
    if (sent.status !== 201) throw new Error(`invite failed: ${sent.status} ${JSON.stringify(sent.body)}`);
    const accepted = await call('POST', `/api/v1/invitations/${sent.body.invitation.id}/accept`, b);
    if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  };

  const verifyEmail: TestApp['verifyEmail'] = async (member) => {
    const token = createLinkToken(service.ctx.secret, {
      purpose: 'verify_email',
      memberId: Number(member.id),
      subject: normalizeEmail(member.email),
      expiresAt: clock.now().getTime() + DAY_MS,
    });
    return call('POST', '/api/v1/auth/verify-email', member, { token });
  };

  return {
    app: service.app,
    service,
    clock,
    backend,
    call,
    signUp,
    connect,
    verifyEmail,
    advanceDays,
    close: async () => {
      await service.close();
      await drop();
    },
  };
}
