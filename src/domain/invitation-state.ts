import type { Policy } from './policy.js';
import type { InvitationStatus } from './invitation.js';

export type InvitationAction = 'accept' | 'ignore' | 'decline' | 'report' | 'withdraw' | 'expire';

/**
 * The open statuses: an invitation in one of them keeps its pair open (one at a time, backed by
 * the `invitations_one_open_per_pair` index) and may still change. `ignored` is open too: it still
 * reads "pending" to its sender, so it can still be withdrawn or expire, and the recipient may
 * change their mind and accept, decline or report it.
 */
export const OPEN_STATUSES = ['pending', 'ignored'] as const satisfies readonly InvitationStatus[];

/** Statuses the sender is shown as `pending`: ignoring and reporting are silent. */
export const READS_PENDING_TO_SENDER = ['pending', 'ignored', 'reported'] as const satisfies readonly InvitationStatus[];

/** Finished statuses the sender may tidy out of their sent list. */
export const HIDEABLE_STATUSES = ['accepted', 'declined', 'withdrawn', 'expired'] as const satisfies readonly InvitationStatus[];

/** Statuses in which the two may still write on the invitation's thread: open, or accepted. */
export const THREAD_OPEN_STATUSES = [...OPEN_STATUSES, 'accepted'] as const satisfies readonly InvitationStatus[];

export function isOpen(status: InvitationStatus): boolean {
  return (OPEN_STATUSES as readonly InvitationStatus[]).includes(status);
}

/** Who asks for a change: one of the two members, or the service itself (expiry, a block, a crossing send). */
export type TransitionActor = 'recipient' | 'sender' | 'service';

/**
 * The one transition table of an invitation: from which statuses each action moves it, to what,
 * and who may ask. Only open invitations change; an ignore cannot be repeated.
 */
const transitions: Record<InvitationAction, { from: readonly InvitationStatus[]; to: InvitationStatus; by: readonly TransitionActor[] }> = {
  accept: { from: OPEN_STATUSES, to: 'accepted', by: ['recipient', 'service'] },
  ignore: { from: ['pending'], to: 'ignored', by: ['recipient'] },
  // The service declines for a recipient whose account closes (silently: the event carries the cause).
  decline: { from: OPEN_STATUSES, to: 'declined', by: ['recipient', 'service'] },
  report: { from: OPEN_STATUSES, to: 'reported', by: ['recipient'] },
  withdraw: { from: OPEN_STATUSES, to: 'withdrawn', by: ['sender', 'service'] },
  expire: { from: OPEN_STATUSES, to: 'expired', by: ['service'] },
};

/** The status after `action`, or null when the invitation's current status does not allow it. */
export function nextStatus(current: InvitationStatus, action: InvitationAction): InvitationStatus | null {
  const rule = transitions[action];
  return rule.from.includes(current) ? rule.to : null;
}

export function statusesAllowing(action: InvitationAction): readonly InvitationStatus[] {
  return transitions[action].from;
}

/** What a transition reads of the invitation. */
export interface TransitionFacts {
  status: InvitationStatus;
  viewedAt: Date | null;
}

export type TransitionDecision =
  | { ok: true; to: InvitationStatus }
  | { ok: false; code: 'invalid_state' | 'withdraw_unavailable' | 'forbidden'; reason: string };

/**
 * May `actor` apply `action` to this invitation now? The table above, plus the one rule that
 * depends on more than the status: with `withdrawAfterViewed` off, the sender (or their
 * auto-withdraw setting) can no longer take back an invitation the recipient has seen. A block
 * withdraws whatever is open between the two, seen or not.
 */
export function decideTransition(facts: TransitionFacts, action: InvitationAction, actor: TransitionActor, policy: Policy): TransitionDecision {
  const rule = transitions[action];
  if (!rule.by.includes(actor)) return { ok: false, code: 'forbidden', reason: `only the ${rule.by.join(' or ')} can ${action} an invitation` };
  const to = nextStatus(facts.status, action);
  if (action === 'withdraw') {
    if (to === null) return { ok: false, code: 'withdraw_unavailable', reason: `the invitation is ${facts.status === 'ignored' || facts.status === 'reported' ? 'pending' : facts.status}` };
    if (actor === 'sender' && !policy.withdrawAfterViewed && facts.viewedAt !== null) {
      return { ok: false, code: 'withdraw_unavailable', reason: 'the recipient has already seen the invitation' };
    }
  }
  if (to === null) return { ok: false, code: 'invalid_state', reason: `the invitation is ${facts.status}` };
  return { ok: true, to };
}

export type ReplyDecision = { ok: true } | { ok: false; code: 'invalid_state'; why: 'closed' | 'wait_for_recipient'; reason: string };

/**
 * May this party write on the invitation's thread now? The recipient may answer without accepting
 * while the invitation is open (or once accepted); the sender may answer back, but never start the
 * thread before the recipient has written (that would be a second nudge), unless it was accepted.
 */
export function decideReply(facts: { status: InvitationStatus; role: 'sender' | 'recipient'; otherHasWritten: boolean }): ReplyDecision {
  const open = (THREAD_OPEN_STATUSES as readonly InvitationStatus[]).includes(facts.status);
  if (!open) return { ok: false, code: 'invalid_state', why: 'closed', reason: 'This invitation is closed.' };
  if (facts.role === 'recipient' || facts.status === 'accepted' || facts.otherHasWritten) return { ok: true };
  return { ok: false, code: 'invalid_state', why: 'wait_for_recipient', reason: 'You can write here once the recipient has written to you.' };
}
