import { addDays } from './clock.js';
import { decideTransition, READS_PENDING_TO_SENDER } from './invitation-state.js';
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
  return (READS_PENDING_TO_SENDER as readonly InvitationStatus[]).includes(status) ? 'pending' : status;
}

export function senderActions(facts: SenderFacts, policy: Policy): SenderAction[] {
  const actions: SenderAction[] = [];
  if (canWithdraw(facts, policy).ok) actions.push('withdraw');
  if (facts.status === 'pending' && facts.resendCount < policy.maxResends) actions.push('resend');
  return actions;
}

export type WithdrawDecision = { ok: true } | { ok: false; code: 'withdraw_unavailable'; reason: string };

/** The sender's withdraw, as the transition table decides it. */
export function canWithdraw(facts: SenderFacts, policy: Policy): WithdrawDecision {
  const decision = decideTransition(facts, 'withdraw', 'sender', policy);
  return decision.ok ? { ok: true } : { ok: false, code: 'withdraw_unavailable', reason: decision.reason };
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
