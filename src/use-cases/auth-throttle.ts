import { createHash } from 'node:crypto';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { AppContext } from '../context.js';
import { decideThrottle, type ThrottleLimits } from '../domain/auth-throttle.js';
import { DomainError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/member.js';
import type { Db } from '../db/database.js';
import { AUTH_THROTTLE_TABLE, throttleStoreClient } from '../db/repositories/auth-throttle.js';
import { spendCaptcha } from '../db/repositories/captcha.js';
import { inTransaction } from '../db/transaction.js';
import { checkCaptcha, newCaptchaChallenge } from './captcha.js';

/*
 * Why rate-limiter-flexible (11, its PostgreSQL store): it is maintained, has no dependencies, and
 * its store is one atomic upsert per counted attempt (`insert … on conflict … returning`), so
 * parallel attempts on any number of processes are each counted exactly once, and it deletes
 * expired counters by itself. It takes any client with a `pg`-style `query`, so it runs through our
 * own Kysely database (`throttleStoreClient`) on PostgreSQL and on PGlite alike; the table is ours
 * (migration 0010). `@fastify/rate-limit` was the other candidate: it limits requests per route and
 * key, but cannot count only what happens after the request (a failed password) nor let a solved
 * captcha through, and its stores are memory or Redis. The library only counts: whether an attempt
 * goes on, needs a captcha or waits is `decideThrottle`, a pure rule with the policy's numbers.
 * Its windows run on the wall clock (it reads `Date.now()`), not the service clock: throttling is
 * about how fast real requests come.
 */

export type ThrottledDoor = 'signin' | 'signup';

/** One attempt at a throttled door: whose account, from which client address, with which captcha. */
export interface ThrottledAttempt {
  email: string;
  clientAddress: string;
  /** A solved ALTCHA payload, needed once the counters are past their limits. */
  captcha?: string | undefined;
}

/** An attempt let through: tell how it ended, so a rightful sign-in clears its account's counter. */
export interface AdmittedAttempt {
  succeeded(): Promise<void>;
}

// Never reached: the library counts, the policy's numbers decide (`decideThrottle`).
const UNLIMITED = 2_000_000_000;

const limitersByDb = new WeakMap<Db, Map<string, RateLimiterPostgres>>();

function limitsOf(ctx: AppContext, door: ThrottledDoor): ThrottleLimits {
  return door === 'signin' ? ctx.policy.signInThrottle : ctx.policy.signUpThrottle;
}

function limiterFor(ctx: AppContext, door: ThrottledDoor): RateLimiterPostgres {
  let limiters = limitersByDb.get(ctx.db);
  if (!limiters) limitersByDb.set(ctx.db, (limiters = new Map()));
  const duration = Math.round(limitsOf(ctx, door).windowMinutes * 60);
  const name = `${door}:${duration}`;
  let limiter = limiters.get(name);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: throttleStoreClient(ctx.db),
      storeType: 'pool',
      tableName: AUTH_THROTTLE_TABLE,
      tableCreated: true,
      keyPrefix: door,
      points: UNLIMITED,
      duration,
    });
    limiters.set(name, limiter);
  }
  return limiter;
}

/** The counter keys of an attempt; the address is hashed, so the table holds no email addresses. */
export function throttleKeys(email: string, clientAddress: string): { account: string; address: string } {
  const hashed = createHash('sha256').update(normalizeEmail(email)).digest('base64url');
  return { account: `account:${hashed}`, address: `address:${clientAddress}` };
}

const refusalText: Record<ThrottledDoor, string> = {
  signin: 'Too many sign-in attempts for this account or from your network.',
  signup: 'Too many sign-up attempts from your network or for this address.',
};

function waitText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Counts one attempt at sign-in or sign-up, per account and per client address, in the database
 * every process shares, and lets it through or refuses it: `rate_limited` (429, `Retry-After`, with
 * a captcha challenge when solving it lets the next try through at once) or `captcha_invalid`.
 */
export async function admitAttempt(ctx: AppContext, door: ThrottledDoor, attempt: ThrottledAttempt): Promise<AdmittedAttempt> {
  const limiter = limiterFor(ctx, door);
  const keys = throttleKeys(attempt.email, attempt.clientAddress);
  const [account, address, captcha] = await Promise.all([limiter.consume(keys.account, 1), limiter.consume(keys.address, 1), checkCaptcha(ctx, attempt.captcha)]);
  const decision = decideThrottle(
    {
      accountAttempts: account.consumedPoints,
      addressAttempts: address.consumedPoints,
      accountResetsInMs: account.msBeforeNext,
      addressResetsInMs: address.msBeforeNext,
      captcha: captcha.state,
    },
    limitsOf(ctx, door),
  );
  if (!decision.ok) {
    if (decision.code === 'captcha_invalid') throw new DomainError('captcha_invalid', 'The challenge answer is not valid or was already used.');
    const wait = waitText(decision.retryAfterSeconds);
    if (!decision.captcha) {
      throw new DomainError('rate_limited', `${refusalText[door]} Try again in ${wait}.`, { retryAfterSeconds: decision.retryAfterSeconds, captchaRequired: false });
    }
    throw new DomainError('rate_limited', `${refusalText[door]} Try again in ${wait}, or solve the challenge to try now.`, {
      retryAfterSeconds: decision.retryAfterSeconds,
      captchaRequired: true,
      challenge: await newCaptchaChallenge(ctx),
    });
  }
  if (decision.spendCaptcha) {
    const fresh = await inTransaction(ctx.db, (trx) => spendCaptcha(trx, captcha.signature!, ctx.clock.now()));
    if (!fresh) throw new DomainError('captcha_invalid', 'The challenge answer is not valid or was already used.');
  }
  return {
    async succeeded() {
      // The rightful owner got in: their account's failures no longer count. The address keeps its
      // failures (an attacker could otherwise clear them by signing in to an account of their own)
      // and gets back only this attempt.
      if (door === 'signin') await Promise.all([limiter.delete(keys.account), limiter.reward(keys.address, 1)]);
    },
  };
}
