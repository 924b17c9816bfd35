import { describe, expect, it } from 'vitest';
import type { TokenOwner } from '../../src/db/repositories/tokens.js';
import { TokenCache } from '../../src/http/auth.js';

const owner: TokenOwner = { memberId: 7, kind: 'bearer', csrfToken: null, expiresAt: new Date('2030-01-01T00:00:00Z'), role: 'member' };

describe('the token cache of the auth hook', () => {
  it('answers a looked-up token without the database until its TTL, and asks for a background lookup past the refresh point', () => {
    const cache = new TokenCache(5_000, 3_000);
    cache.set('h', owner, 1_000);
    expect(cache.get('h', 1_000)).toEqual({ owner, refresh: false });
    expect(cache.get('h', 3_999)?.refresh).toBe(false);
    expect(cache.get('h', 4_000)).toEqual({ owner, refresh: true });
    expect(cache.get('h', 6_000)?.owner).toBe(owner);
    expect(cache.get('h', 6_001)).toBeUndefined(); // another process's revocation shows by now
  });

  it('forgets a token at once on logout in this process', () => {
    const cache = new TokenCache(5_000, 3_000);
    cache.set('h', owner, 1_000);
    cache.forget('h', 1_500);
    expect(cache.get('h', 1_500)).toBeUndefined();
  });

  it('does not let a lookup that began before the logout bring the token back', () => {
    const cache = new TokenCache(5_000, 3_000);
    cache.forget('h', 2_000);
    cache.set('h', owner, 1_900); // looked up before the logout, answered after it
    expect(cache.get('h', 2_100)).toBeUndefined();
  });

  it('refreshes in the background once per token: a revoked token is dropped, a live one kept longer', async () => {
    const cache = new TokenCache(5_000, 3_000);
    let now = 1_000;
    cache.set('live', owner, now);
    cache.set('revoked', owner, now);
    now = 4_500;
    let lookups = 0;
    const answers: Record<string, TokenOwner | undefined> = { live: owner, revoked: undefined };
    const pending: Promise<void>[] = [];
    for (const hash of ['live', 'live', 'revoked']) {
      expect(cache.get(hash, now)?.owner).toBe(owner);
      cache.refresh(hash, () => {
        lookups++;
        const answer = Promise.resolve(answers[hash]);
        pending.push(answer.then(() => {}));
        return answer;
      }, () => now);
    }
    expect(lookups).toBe(2);
    expect(cache.get('live', now)?.refresh).toBe(false); // one lookup in flight is enough
    await Promise.all(pending);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.get('revoked', now)).toBeUndefined();
    expect(cache.get('live', 9_000)?.owner).toBe(owner); // kept until 4,500 + 5,000
  });
});
