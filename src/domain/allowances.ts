import { startOfNextUtcMonth } from './clock.js';
import { introductionsPerMonthFor } from './introductions.js';
import { inmailCreditsFor } from './messaging.js';
import type { Policy } from './policy.js';
import type { MemberTier } from './member.js';

/** A monthly allowance as a member sees it: the limit for their tier, what is used, what is left, and when it renews. */
export interface MonthlyAllowance {
  limit: number;
  used: number;
  remaining: number;
  renewsAt: Date;
}

export function monthlyAllowance(limit: number, used: number, now: Date): MonthlyAllowance {
  return { limit, used, remaining: Math.max(0, limit - used), renewsAt: startOfNextUtcMonth(now) };
}

/** The allowances counted per calendar month (UTC): introductions asked for and InMail messages sent. */
export function allowancesOf(tier: MemberTier, used: { introductions: number; inmail: number }, policy: Policy, now: Date) {
  return {
    introductions: monthlyAllowance(introductionsPerMonthFor(tier, policy), used.introductions, now),
    inmail: monthlyAllowance(inmailCreditsFor(tier, policy), used.inmail, now),
  };
}
