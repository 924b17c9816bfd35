import { addDays, startOfNextUtcMonth, WEEK_DAYS } from './clock.js';
import type { Policy } from './policy.js';
import type { MemberTier } from './member.js';

/** How many invitations a sender has sent in each window that a limit reads. */
export interface SendCounts {
  lifetime: number;
  thisMonth: number;
  last7Days: number;
  last24h: number;
  /** Oldest send inside the rolling 7 days, for the weekly reset date. */
  oldestInLast7Days: Date | null;
}

/** Counters shown in `GET /me` (API.md `quota`). */
export interface Quota {
  lifetimeAllotment: number;
  lifetimeUsed: number;
  monthlyLimit: number;
  monthlyUsed: number;
  weeklyLimit: number | null;
  weeklyUsed: number;
  sentLast24h: number;
  captchaAfter: number;
  monthlyResetsAt: string;
}

export type QuotaLimit = 'lifetime' | 'monthly' | 'weekly';

export type QuotaDecision = { ok: true } | { ok: false; limit: QuotaLimit; resetAt: Date | null };

export function monthlyLimitFor(tier: MemberTier, policy: Policy): number {
  return tier === 'premium' ? policy.premiumMonthlyLimit : policy.monthlyLimit;
}

export function lifetimeAllotmentFor(grantedExtra: number, policy: Policy): number {
  return policy.lifetimeAllotment + grantedExtra;
}

export function quotaOf(counts: SendCounts, tier: MemberTier, grantedExtra: number, policy: Policy, now: Date): Quota {
  return {
    lifetimeAllotment: lifetimeAllotmentFor(grantedExtra, policy),
    lifetimeUsed: counts.lifetime,
    monthlyLimit: monthlyLimitFor(tier, policy),
    monthlyUsed: counts.thisMonth,
    weeklyLimit: policy.weeklyLimit,
    weeklyUsed: counts.last7Days,
    sentLast24h: counts.last24h,
    captchaAfter: policy.captchaAfterPerDay,
    monthlyResetsAt: startOfNextUtcMonth(now).toISOString(),
  };
}

/**
 * Would one more send stay within every limit? The lifetime allotment (withdrawn invitations
 * included, admin grants added) never resets; the monthly limit resets on the 1st (UTC); the
 * optional weekly limit is a rolling 7 days.
 */
/** Where the weekly limit's rolling window begins: sends after it count towards `weeklyLimit`. */
export function weeklyWindowStart(now: Date): Date {
  return addDays(now, -WEEK_DAYS);
}

export function decideQuota(counts: SendCounts, tier: MemberTier, grantedExtra: number, policy: Policy, now: Date): QuotaDecision {
  if (counts.lifetime >= lifetimeAllotmentFor(grantedExtra, policy)) return { ok: false, limit: 'lifetime', resetAt: null };
  if (counts.thisMonth >= monthlyLimitFor(tier, policy)) return { ok: false, limit: 'monthly', resetAt: startOfNextUtcMonth(now) };
  if (policy.weeklyLimit !== null && counts.last7Days >= policy.weeklyLimit) {
    return { ok: false, limit: 'weekly', resetAt: addDays(counts.oldestInLast7Days ?? now, WEEK_DAYS) };
  }
  return { ok: true };
}

/** Past `captchaAfterPerDay` sends in a rolling 24 hours, every further send needs a solved challenge. */
export function needsCaptcha(counts: SendCounts, policy: Policy): boolean {
  return counts.last24h >= policy.captchaAfterPerDay;
}
