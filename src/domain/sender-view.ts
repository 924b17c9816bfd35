import { addDays } from './clock.js';
import type { Policy } from './policy.js';
import type { InvitationStatus } from './invitation.js';

export type SenderAction = 'withdraw' | 'resend';

export interface SenderFacts {
  status: InvitationStatus;
  viewedAt: Date | null;
  lastSentAt: Date;
  resendCount: number;
}

/**
 * What the sender is shown. Ignoring and reporting are silent: an ignored invitation still reads
 * `pending` and can only be withdrawn; a reported one reads `pending` and offers nothing.
 */
export function statusForSender(status: InvitationStatus): InvitationStatus {
  return status === 'ignored' || status === 'reported' ? 'pending' : status;
}

export function senderActions(facts: SenderFacts, policy: Policy): SenderAction[] {
  const actions: SenderAction[] = [];
  if (canWithdraw(facts, policy).ok) actions.push('withdraw');
  if (facts.status === 'pending' && facts.resendCount < policy.maxResends) actions.push('resend');
  return actions;
}

export type WithdrawDecision = { ok: true } | { ok: false; code: 'withdraw_unavailable'; reason: string };

export function canWithdraw(facts: SenderFacts, policy: Policy): WithdrawDecision {
  if (facts.status !== 'pending' && facts.status !== 'ignored') {
    return { ok: false, code: 'withdraw_unavailable', reason: `the invitation is ${statusForSender(facts.status)}` };
  }
  if (!policy.withdrawAfterViewed && facts.viewedAt !== null) {
    return { ok: false, code: 'withdraw_unavailable', reason: 'the recipient has already seen the invitation' };
  }
  return { ok: true };
}

export type ResendDecision = { ok: true } | { ok: false; code: 'resend_unavailable'; reason: string; retryAfter?: Date };

/** A resend reminds the recipient: only for a pending invitation, `resendMinDays` apart, `maxResends` times. */
export function decideResend(facts: SenderFacts, policy: Policy, now: Date): ResendDecision {
  if (facts.status !== 'pending') return { ok: false, code: 'resend_unavailable', reason: 'only a pending invitation can be resent' };
  if (facts.resendCount >= policy.maxResends) {
    return { ok: false, code: 'resend_unavailable', reason: `an invitation can be resent ${policy.maxResends} times at most` };
  }
  const earliest = addDays(facts.lastSentAt, policy.resendMinDays);
  if (earliest > now) return { ok: false, code: 'resend_unavailable', reason: 'sent too recently to resend', retryAfter: earliest };
  return { ok: true };
}

export function resendAvailableAt(facts: SenderFacts, policy: Policy): Date | null {
  if (facts.status !== 'pending' || facts.resendCount >= policy.maxResends) return null;
  return addDays(facts.lastSentAt, policy.resendMinDays);
}
