import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { mailRetryAfterFailure } from '../../src/jobs/mail-sender.js';
import { tokenLifetimeMs } from '../../src/use-cases/sessions.js';
import { DAY_MS, msAfter, NOW, policyWith } from './fixtures.js';

const SECOND_MS = 1000;
const HOUR_MS = 60 * 60 * SECOND_MS;

describe('tokenLifetimeMs', () => {
  it('a web session lasts sessionDays, an API bearer token bearerTokenDays', () => {
    expect(tokenLifetimeMs('session', defaultPolicy)).toBe(defaultPolicy.sessionDays * DAY_MS);
    expect(tokenLifetimeMs('bearer', defaultPolicy)).toBe(defaultPolicy.bearerTokenDays * DAY_MS);
  });

  it('changed values change the lifetimes', () => {
    const policy = policyWith({ sessionDays: 1, bearerTokenDays: 7 });
    expect(tokenLifetimeMs('session', policy)).toBe(DAY_MS);
    expect(tokenLifetimeMs('bearer', policy)).toBe(7 * DAY_MS);
  });
});

describe('mailRetryAfterFailure', () => {
  const policy = defaultPolicy;

  it('a failed try waits mailRetryBaseSeconds, doubled with each try', () => {
    expect(mailRetryAfterFailure(1, policy, NOW)).toEqual({ failed: false, retryAt: msAfter(NOW, 2 * policy.mailRetryBaseSeconds * SECOND_MS) });
    expect(mailRetryAfterFailure(3, policy, NOW).retryAt).toEqual(msAfter(NOW, 8 * policy.mailRetryBaseSeconds * SECOND_MS));
  });

  it('the wait is never longer than mailRetryMaxHours', () => {
    expect(mailRetryAfterFailure(30, policyWith({ mailMaxAttempts: 100 }), NOW)).toEqual({ failed: false, retryAt: msAfter(NOW, policy.mailRetryMaxHours * HOUR_MS) });
  });

  it('a mail fails for good after mailMaxAttempts tries', () => {
    expect(mailRetryAfterFailure(policy.mailMaxAttempts - 1, policy, NOW).failed).toBe(false);
    expect(mailRetryAfterFailure(policy.mailMaxAttempts, policy, NOW).failed).toBe(true);
  });

  it('changed values change the rule', () => {
    const changed = policyWith({ mailMaxAttempts: 2, mailRetryBaseSeconds: 5, mailRetryMaxHours: 1 });
    expect(mailRetryAfterFailure(1, changed, NOW)).toEqual({ failed: false, retryAt: msAfter(NOW, 10 * SECOND_MS) });
    expect(mailRetryAfterFailure(2, changed, NOW).failed).toBe(true);
    expect(mailRetryAfterFailure(20, changed, NOW).retryAt).toEqual(msAfter(NOW, HOUR_MS));
  });
});
