import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { startGraphSync, type GraphHandle } from '../../src/graph/registry.js';
import { createService, type Service } from '../../src/service.js';
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../helpers/postgres.js';

const baseUrl = process.env.DATABASE_URL;

/** How long until `check` holds, polling every 2 ms without poking the index's own schedule. */
async function millisUntil(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
}

/**
 * Two service processes on one PostgreSQL database (two `createService` instances, each with its
 * own pool and its own index): a connection made through one is in the other's index within 1 s,
 * by the other's own 200 ms polling alone. PGlite is one process by nature: skipped there.
 */
describe.skipIf(!baseUrl)('graph index freshness across processes (PostgreSQL)', () => {
  let name = '';
  let one: Service, two: Service;
  let graphOne: GraphHandle, graphTwo: GraphHandle;

  beforeAll(async () => {
    name = await createDatabaseFrom(baseUrl!, inject('postgresTemplate')!);
    const url = databaseUrlFor(baseUrl!, name);
    const config = loadConfig({ RAPPORT_TEST_CLOCK: '1', DATABASE_URL: url });
    one = await createService(config, { logger: false, scheduler: false, database: await openDatabase({ databaseUrl: url, poolSize: 5 }) });
    two = await createService(config, { logger: false, scheduler: false, database: await openDatabase({ databaseUrl: url, poolSize: 5 }) });
    graphOne = await startGraphSync(one.ctx);
    graphTwo = await startGraphSync(two.ctx);
  });
  afterAll(async () => {
    await graphOne?.stop();
    await graphTwo?.stop();
    await one?.close();
    await two?.close();
    if (name) await dropDatabase(baseUrl!, name);
  });

  async function call(service: Service, method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, body?: unknown) {
    const response = await service.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body ? { payload: body as object } : {}) });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : null };
  }

  async function signUp(service: Service, who: string) {
    const email = `${who.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${Math.random().toString(36).slice(2)}@example.com`;
    const answer = await call(service, 'POST', '/api/v1/auth/signup', undefined, { email, password: 'correct horse battery', name: who });
    expect(answer.status).toBe(201);
    return { id: Number(answer.body.member.id), token: answer.body.token as string, email };
  }

  it('shows a connection made through one process in the other within 1 s, and its removal too', async () => {
    const delays: number[] = [];
    for (let round = 0; round < 5; round++) {
      const a = await signUp(one, `Ada ${round}`);
      const b = await signUp(two, `Bea ${round}`);
      const sent = await call(one, 'POST', '/api/v1/invitations', a.token, { recipientId: String(b.id), email: b.email });
      expect(sent.status).toBe(201);
      const accepted = await call(one, 'POST', `/api/v1/invitations/${sent.body.invitation.id}/accept`, b.token);
      expect(accepted.status).toBe(200);
      // Committed now. Process one may lag too, but must not be ahead of process two for this test to mean anything.
      delays.push(await millisUntil(() => graphTwo.index.areConnected(a.id, b.id), 2000));
      const removed = await call(one, 'DELETE', `/api/v1/connections/${b.id}`, a.token);
      expect(removed.status).toBe(204);
      delays.push(await millisUntil(() => !graphTwo.index.areConnected(a.id, b.id), 2000));
    }
    expect(Math.max(...delays)).toBeLessThan(1000);
    // Through the API of process two, read-your-writes holds without waiting at all.
    const c = await signUp(two, 'Cy');
    const d = await signUp(two, 'Di');
    const sent = await call(two, 'POST', '/api/v1/invitations', c.token, { recipientId: String(d.id), email: d.email });
    await call(two, 'POST', `/api/v1/invitations/${sent.body.invitation.id}/accept`, d.token);
    const profile = await call(one, 'GET', `/api/v1/members/${d.id}`, c.token);
    expect(profile.body.relationship.degree).toBe(1);
  });
});
