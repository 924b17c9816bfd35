import { addDays } from './clock.js';
import type { Policy } from './policy.js';
import type { InvitationStatus } from './invitation.js';

/** An earlier, finished invitation from the same sender to the same recipient. */
export interface PastInvitation {
  status: InvitationStatus;
  respondedAt: Date | null;
  ignoredAt: Date | null;
  /** The service ended it because one of the two closed their account (`account-closure.ts`). */
  endedByClosure?: boolean;
}

export type ReinviteDecision = { ok: true } | { ok: false; code: 'reinvite_forbidden' } | { ok: false; code: 'reinvite_cooldown'; retryAfter: Date };

/**
 * May the sender invite this recipient again, given their history?
 * - never after a decline or a report ("I don't know" or spam);
 * - after the n-th ignored invitation, wait `reinviteAfterIgnoreDays[n-1]`; past the list, never;
 * - after a withdrawal, wait `reinviteAfterWithdrawDays`.
 * An invitation ended because an account closed (declined or withdrawn by the service) counts for
 * none of these: nobody answered it, and a reopened account starts its relationships afresh.
 */
export function decideReinvite(allHistory: readonly PastInvitation[], policy: Policy, now: Date): ReinviteDecision {
  const history = allHistory.filter((past) => past.endedByClosure !== true);
  if (history.some((past) => past.status === 'declined' || past.status === 'reported')) {
    return { ok: false, code: 'reinvite_forbidden' };
  }
  let waitUntil: Date | null = null;
  const later = (date: Date) => {
    if (waitUntil === null || date > waitUntil) waitUntil = date;
  };

  const ignoredAt = history.flatMap((past) => (past.ignoredAt ? [past.ignoredAt] : []));
  if (ignoredAt.length > 0) {
    const waits = policy.reinviteAfterIgnoreDays;
    if (ignoredAt.length > waits.length) return { ok: false, code: 'reinvite_forbidden' };
    const lastIgnored = new Date(Math.max(...ignoredAt.map((d) => d.getTime())));
    later(addDays(lastIgnored, waits[ignoredAt.length - 1]!));
  }
  for (const past of history) {
    if (past.status === 'withdrawn' && past.respondedAt) later(addDays(past.respondedAt, policy.reinviteAfterWithdrawDays));
  }
  if (waitUntil !== null && (waitUntil as Date) > now) return { ok: false, code: 'reinvite_cooldown', retryAfter: waitUntil };
  return { ok: true };
}

/** When the sender may invite the same person again after withdrawing at `withdrawnAt` (the withdrawal's own wait). */
export function reinviteAfterWithdrawal(withdrawnAt: Date, policy: Policy): Date {
  return addDays(withdrawnAt, policy.reinviteAfterWithdrawDays);
}
