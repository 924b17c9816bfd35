import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../helpers/postgres.js';
import { postJson, startServer, type RunningServer } from '../helpers/spawn-server.js';
import { solvedCaptcha as solved } from '../helpers/captcha.js';

/**
 * Sign-in throttling is shared by every process: two `rapport serve` processes on one PostgreSQL
 * database count the same failures (PGlite is one process, so this runs when DATABASE_URL is set).
 */
const base = process.env.DATABASE_URL;
const limits = defaultPolicy.signInThrottle;

describe.skipIf(!base)('sign-in throttling across two processes on one PostgreSQL database', () => {
  let name: string;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    name = await createDatabaseFrom(base!, inject('postgresTemplate')!);
    const url = databaseUrlFor(base!, name);
    servers = await Promise.all([0, 1].map(() => startServer({ DATABASE_URL: url })));
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
    const answers = await Promise.all(Array.from({ length: 70 }, (_, i) => postJson(`${(i % 2 ? a : b).url}/api/v1/auth/login`, { email, password: `wrong ${i}` })));
    expect(answers.filter((x) => x.status === 401)).toHaveLength(limits.perAccount);
    expect(answers.filter((x) => x.status === 429)).toHaveLength(70 - limits.perAccount);
    // Either process refuses the right password without a captcha, and takes it with one solved from the other's challenge.
    const asked = await postJson(`${b.url}/api/v1/auth/login`, { email, password });
    expect([asked.status, asked.body.code]).toEqual([429, 'rate_limited']);
    const signedIn = await postJson(`${a.url}/api/v1/auth/login`, { email, password, captcha: await solved(asked.body.challenge) });
    expect(signedIn.status).toBe(200);
  }, 120_000);

  it('a lock counted on one process holds on the other, with Retry-After', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const email = 'sequential-two@example.com';
    expect((await postJson(`${a.url}/api/v1/auth/signup`, { email, password: 'correct horse battery', name: 'Sequential Two' })).status).toBe(201);
    // From a client address of its own (the servers trust X-Forwarded-For): the first test spent 127.0.0.1's.
    const login = (server: RunningServer, password: string) =>
      fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.1.0.1' }, body: JSON.stringify({ email, password }) });
    for (let i = 0; i < limits.perAccount; i++) expect((await login(a, `wrong ${i}`)).status).toBe(401);
    const response = await login(b, 'wrong again');
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);
});
