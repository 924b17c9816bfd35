import { describe, expect, it } from 'vitest';
import type { TokenOwner } from '../../src/db/repositories/tokens.js';
import { TOKEN_REFRESH_BATCH_MAX, TokenCache } from '../../src/http/token-cache.js';

const owner: TokenOwner = { memberId: 7, kind: 'bearer', csrfToken: null, expiresAt: new Date('2030-01-01T00:00:00Z'), role: 'member', email: 'ann@example.com' };

/** A token table the cache looks up in, counting the statements it would cost. */
function tokenTable(live: Record<string, TokenOwner | undefined>) {
  const table = { live, statements: 0, batches: [] as string[][], fail: false };
  const lookup = async (hashes: string[]) => {
    table.statements++;
    table.batches.push([...hashes]);
    if (table.fail) throw new Error('database down');
    return new Map(hashes.flatMap((hash) => (table.live[hash] ? [[hash, table.live[hash]!] as const] : [])));
  };
  return { table, lookup };
}

function cacheAt(live: Record<string, TokenOwner | undefined>, batchMs = 60_000) {
  const clock = { now: 1_000 };
  const { table, lookup } = tokenTable(live);
  const cache = new TokenCache(lookup, { ttlMs: 5_000, refreshAfterMs: 3_000, batchMs, now: () => clock.now });
  return { cache, clock, table };
}

describe('the token cache of the auth hook', () => {
  it('answers a looked-up token without the database until its TTL', async () => {
    const { cache, clock, table } = cacheAt({ h: owner });
    expect(await cache.lookUpNow('h')).toBe(owner);
    clock.now = 2_999;
    expect(cache.get('h')).toBe(owner);
    clock.now = 6_000;
    expect(cache.get('h')).toBe(owner);
    clock.now = 6_001;
    expect(cache.get('h')).toBeUndefined(); // another process's revocation shows by now
    expect(table.statements).toBe(1);
  });

  it('does not remember a token the database does not know', async () => {
    const { cache } = cacheAt({});
    expect(await cache.lookUpNow('h')).toBeUndefined();
    expect(cache.get('h')).toBeUndefined();
  });

  it('forgets a token at once on logout in this process', () => {
    const { cache, clock } = cacheAt({});
    cache.set('h', owner, 1_000);
    clock.now = 1_500;
    cache.forget('h');
    expect(cache.get('h')).toBeUndefined();
  });

  it('does not let a lookup that began before the logout bring the token back', () => {
    const { cache, clock } = cacheAt({});
    clock.now = 2_000;
    cache.forget('h');
    cache.set('h', owner, 1_900); // looked up before the logout, answered after it
    clock.now = 2_100;
    expect(cache.get('h')).toBeUndefined();
  });

  it('looks up every token due for a refresh together, once each: a revoked one is dropped, a live one kept longer', async () => {
    const { cache, clock, table } = cacheAt({ live: owner, other: owner, revoked: undefined });
    for (const hash of ['live', 'other', 'revoked']) cache.set(hash, owner, 1_000);
    clock.now = 3_999;
    cache.get('live');
    expect(table.statements).toBe(0); // not due before 3 s
    clock.now = 4_500;
    for (const hash of ['live', 'live', 'other', 'revoked', 'live']) expect(cache.get(hash)).toBe(owner);
    await cache.flush();
    expect(table.batches).toEqual([['live', 'other', 'revoked']]);
    expect(cache.get('revoked')).toBeUndefined();
    clock.now = 9_000;
    expect(cache.get('live')).toBe(owner); // kept until 4,500 + 5,000
  });

  it('makes the batched lookup on its own once the batch window has passed', async () => {
    const { cache, clock, table } = cacheAt({ a: owner, b: owner }, 5);
    cache.set('a', owner, 1_000);
    cache.set('b', owner, 1_000);
    clock.now = 4_100;
    cache.get('a');
    cache.get('b');
    expect(table.statements).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(table.batches).toEqual([['a', 'b']]);
  });

  it(`splits a refresh of many tokens into statements of ${TOKEN_REFRESH_BATCH_MAX}`, async () => {
    const hashes = Array.from({ length: TOKEN_REFRESH_BATCH_MAX * 2 + 1 }, (_, i) => `t${i}`);
    const { cache, clock, table } = cacheAt(Object.fromEntries(hashes.map((hash) => [hash, owner])));
    for (const hash of hashes) cache.set(hash, owner, 1_000);
    clock.now = 4_500;
    for (const hash of hashes) cache.get(hash);
    await cache.flush();
    expect(table.batches.map((batch) => batch.length)).toEqual([TOKEN_REFRESH_BATCH_MAX, TOKEN_REFRESH_BATCH_MAX, 1]);
  });

  it('keeps the tokens it had when the refresh fails, and tries again on the next use', async () => {
    const { cache, clock, table } = cacheAt({ h: owner });
    cache.set('h', owner, 1_000);
    clock.now = 4_500;
    table.fail = true;
    cache.get('h');
    await cache.flush();
    expect(cache.get('h')).toBe(owner);
    table.fail = false;
    await cache.flush();
    expect(table.statements).toBe(2);
    clock.now = 9_000;
    expect(cache.get('h')).toBe(owner); // refreshed at 4,500
  });

  it('does not let a refresh that began before a logout bring the token back', async () => {
    const clock = { now: 1_000 };
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const cache = new TokenCache(
      async (hashes) => {
        await answered;
        return new Map(hashes.map((hash) => [hash, owner] as const));
      },
      { ttlMs: 5_000, refreshAfterMs: 3_000, batchMs: 60_000, now: () => clock.now },
    );
    cache.set('h', owner, 1_000);
    clock.now = 4_500;
    cache.get('h');
    const refreshing = cache.flush();
    clock.now = 4_600;
    cache.forget('h');
    release();
    await refreshing;
    expect(cache.get('h')).toBeUndefined();
  });
});
