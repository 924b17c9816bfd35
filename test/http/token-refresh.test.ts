import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/db/repositories/tokens.js';
import { TOKEN_CACHE_TTL_MS, TOKEN_REFRESH_AFTER_MS, TOKEN_REFRESH_BATCH_MS } from '../../src/http/token-cache.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

// A token revoked in the database (a logout served by another process) stops working once this
// process's background refresh has looked it up — before the cache's TTL, which is the outer bound.
describe.each(backends)('tokens revoked elsewhere, on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('stop working at the next background refresh, while the others keep working', async () => {
    const members: TestMember[] = [];
    for (const name of ['Ann Refresh', 'Ben Refresh', 'Cara Refresh']) members.push(await t.signUp(name));
    const statuses = async () => Promise.all(members.map(async (m) => (await t.call('GET', '/api/v1/me', m)).status));
    const firstUse = Date.now();
    expect(await statuses()).toEqual([200, 200, 200]);

    const ben = members[1]!;
    await t.service.ctx.db.updateTable('auth_tokens').set({ revoked_at: t.clock.now() }).where('token_hash', '=', hashToken(ben.token)).execute();
    expect(await statuses()).toEqual([200, 200, 200]); // remembered: no lookup on the request's path

    await sleep(firstUse + TOKEN_REFRESH_AFTER_MS + 100 - Date.now());
    expect(await statuses()).toEqual([200, 200, 200]); // still answered from memory; each queues its refresh
    await sleep(TOKEN_REFRESH_BATCH_MS + 300);
    expect(Date.now() - firstUse).toBeLessThan(TOKEN_CACHE_TTL_MS);
    expect(await statuses()).toEqual([200, 401, 200]);
  });
});
