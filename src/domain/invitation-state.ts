import type { InvitationStatus } from './invitation.js';

export type InvitationAction = 'accept' | 'ignore' | 'decline' | 'report' | 'withdraw' | 'expire';

/**
 * The one transition table of an invitation. Only open invitations change: `pending`, and
 * `ignored`, which still reads "pending" to its sender — so it can still be withdrawn or expire,
 * and the recipient may change their mind and accept, decline or report it.
 */
const transitions: Record<InvitationAction, { from: readonly InvitationStatus[]; to: InvitationStatus }> = {
  accept: { from: ['pending', 'ignored'], to: 'accepted' },
  ignore: { from: ['pending'], to: 'ignored' },
  decline: { from: ['pending', 'ignored'], to: 'declined' },
  report: { from: ['pending', 'ignored'], to: 'reported' },
  withdraw: { from: ['pending', 'ignored'], to: 'withdrawn' },
  expire: { from: ['pending', 'ignored'], to: 'expired' },
};

/** The status after `action`, or null when the invitation's current status does not allow it. */
export function nextStatus(current: InvitationStatus, action: InvitationAction): InvitationStatus | null {
  const rule = transitions[action];
  return rule.from.includes(current) ? rule.to : null;
}

export function statusesAllowing(action: InvitationAction): readonly InvitationStatus[] {
  return transitions[action].from;
}
