import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { decideQuota, lifetimeAllotmentFor, monthlyLimitFor, needsCaptcha, quotaOf, weeklyWindowStart } from '../../src/domain/quota.js';
import type { MemberTier } from '../../src/db/schema.js';
import { counts, daysAfter, daysBefore, NOW, policyWith } from './fixtures.js';

const policy = defaultPolicy;
const weekly = policyWith({ weeklyLimit: Math.min(policy.monthlyLimit, policy.premiumMonthlyLimit) - 1 });
const weeklyLimit = weekly.weeklyLimit!;

describe('decideQuota: lifetime allotment', () => {
  it('a sender below the lifetime allotment may send', () => {
    expect(decideQuota(counts({ lifetime: policy.lifetimeAllotment - 1 }), 'free', 0, policy, NOW)).toEqual({ ok: true });
  });

  it.each(['free', 'premium'] as const)('a %s sender who used the whole lifetime allotment may not send, and it never resets', (tier) => {
    expect(decideQuota(counts({ lifetime: policy.lifetimeAllotment }), tier, 0, policy, NOW)).toEqual({
      ok: false,
      limit: 'lifetime',
      resetAt: null,
    });
  });

  it('admin grants add to the lifetime allotment', () => {
    const granted = 10;
    const used = counts({ lifetime: policy.lifetimeAllotment });
    expect(decideQuota(used, 'free', granted, policy, NOW)).toEqual({ ok: true });
    expect(decideQuota(counts({ lifetime: policy.lifetimeAllotment + granted - 1 }), 'free', granted, policy, NOW)).toEqual({ ok: true });
    expect(decideQuota(counts({ lifetime: policy.lifetimeAllotment + granted }), 'free', granted, policy, NOW)).toMatchObject({
      ok: false,
      limit: 'lifetime',
    });
    expect(lifetimeAllotmentFor(granted, policy)).toBe(policy.lifetimeAllotment + granted);
  });

  it('the lifetime allotment is checked before the monthly limit', () => {
    const all = counts({ lifetime: policy.lifetimeAllotment, thisMonth: policy.monthlyLimit, last7Days: weeklyLimit });
    expect(decideQuota(all, 'free', 0, weekly, NOW)).toMatchObject({ ok: false, limit: 'lifetime' });
  });
});

describe('decideQuota: monthly limit by tier', () => {
  const tiers: { tier: MemberTier; limit: number }[] = [
    { tier: 'free', limit: policy.monthlyLimit },
    { tier: 'premium', limit: policy.premiumMonthlyLimit },
  ];

  it.each(tiers)('a $tier sender one below the monthly limit may send', ({ tier, limit }) => {
    expect(monthlyLimitFor(tier, policy)).toBe(limit);
    expect(decideQuota(counts({ thisMonth: limit - 1, lifetime: limit - 1 }), tier, 0, policy, NOW)).toEqual({ ok: true });
  });

  it.each(tiers)('a $tier sender at the monthly limit may not send until the 1st of next month (UTC)', ({ tier, limit }) => {
    expect(decideQuota(counts({ thisMonth: limit, lifetime: limit }), tier, 0, policy, NOW)).toEqual({
      ok: false,
      limit: 'monthly',
      resetAt: new Date('2025-07-01T00:00:00.000Z'),
    });
  });

  it('a premium sender may send past the free monthly limit', () => {
    const used = counts({ thisMonth: policy.monthlyLimit, lifetime: policy.monthlyLimit });
    expect(policy.premiumMonthlyLimit).toBeGreaterThan(policy.monthlyLimit);
    expect(decideQuota(used, 'premium', 0, policy, NOW)).toEqual({ ok: true });
  });

  it.each([
    ['mid-month', '2025-06-15T12:00:00.000Z', '2025-07-01T00:00:00.000Z'],
    ['on the 1st at midnight', '2025-06-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z'],
    ['on the last millisecond of a month', '2025-06-30T23:59:59.999Z', '2025-07-01T00:00:00.000Z'],
    ['in December (the reset is January of next year)', '2025-12-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z'],
    ['at the start of December', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
    ['in February of a leap year', '2024-02-29T10:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ['late on the 31st in a time zone behind UTC, which is already the 1st in UTC', '2025-03-31T23:30:00.000-02:00', '2025-05-01T00:00:00.000Z'],
  ])('the monthly limit resets on the 1st of the next calendar month in UTC (%s)', (_label, now, reset) => {
    const result = decideQuota(counts({ thisMonth: policy.monthlyLimit }), 'free', 0, policy, new Date(now));
    expect(result).toEqual({ ok: false, limit: 'monthly', resetAt: new Date(reset) });
  });

  it('the monthly limit is checked before the weekly limit', () => {
    const used = counts({ thisMonth: policy.monthlyLimit, last7Days: weeklyLimit, oldestInLast7Days: NOW });
    expect(decideQuota(used, 'free', 0, weekly, NOW)).toMatchObject({ ok: false, limit: 'monthly' });
  });
});

describe('decideQuota: weekly limit', () => {
  it('with weeklyLimit null there is no weekly limit', () => {
    expect(policy.weeklyLimit).toBeNull();
    const used = counts({ last7Days: policy.monthlyLimit - 1, thisMonth: policy.monthlyLimit - 1, last24h: policy.monthlyLimit - 1 });
    expect(decideQuota(used, 'free', 0, policy, NOW)).toEqual({ ok: true });
  });

  it('a sender one below the weekly limit may send', () => {
    expect(decideQuota(counts({ last7Days: weeklyLimit - 1 }), 'free', 0, weekly, NOW)).toEqual({ ok: true });
  });

  it('a sender at the weekly limit may not send until 7 days after the oldest send in the rolling week', () => {
    const oldest = daysBefore(NOW, 5);
    expect(decideQuota(counts({ last7Days: weeklyLimit, oldestInLast7Days: oldest }), 'free', 0, weekly, NOW)).toEqual({
      ok: false,
      limit: 'weekly',
      resetAt: daysAfter(oldest, 7),
    });
  });

  it('without a known oldest send, the weekly reset is 7 days from now', () => {
    expect(decideQuota(counts({ last7Days: weeklyLimit, oldestInLast7Days: null }), 'free', 0, weekly, NOW)).toEqual({
      ok: false,
      limit: 'weekly',
      resetAt: daysAfter(NOW, 7),
    });
  });

  it('a weekly limit of zero stops every send', () => {
    expect(decideQuota(counts(), 'free', 0, policyWith({ weeklyLimit: 0 }), NOW)).toMatchObject({ ok: false, limit: 'weekly' });
  });
});

describe('needsCaptcha', () => {
  it.each([
    ['no sends in the last 24 h', 0, false],
    ['one below captchaAfterPerDay', policy.captchaAfterPerDay - 1, false],
    ['exactly captchaAfterPerDay', policy.captchaAfterPerDay, true],
    ['above captchaAfterPerDay', policy.captchaAfterPerDay + 1, true],
  ])('a sender with %s sends in the last 24 h needs a captcha: %s', (_label, last24h, expected) => {
    expect(needsCaptcha(counts({ last24h }), policy)).toBe(expected);
  });

  it('with captchaAfterPerDay 0 every send needs a captcha', () => {
    expect(needsCaptcha(counts(), policyWith({ captchaAfterPerDay: 0 }))).toBe(true);
  });
});

describe('quotaOf', () => {
  it('the quota shown to a member reads every limit from the policy and the counts', () => {
    const used = counts({ lifetime: 40, thisMonth: 30, last7Days: 20, last24h: 10 });
    expect(quotaOf(used, 'premium', 5, weekly, new Date('2025-12-15T00:00:00.000Z'))).toEqual({
      lifetimeAllotment: weekly.lifetimeAllotment + 5,
      lifetimeUsed: 40,
      monthlyLimit: weekly.premiumMonthlyLimit,
      monthlyUsed: 30,
      weeklyLimit: weekly.weeklyLimit,
      weeklyUsed: 20,
      sentLast24h: 10,
      captchaAfter: weekly.captchaAfterPerDay,
      monthlyResetsAt: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('weeklyWindowStart', () => {
  it('the weekly limit counts the sends of the rolling 7 days before now', () => {
    expect(weeklyWindowStart(NOW)).toEqual(daysBefore(NOW, 7));
  });
});
