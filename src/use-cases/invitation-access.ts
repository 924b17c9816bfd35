import { DomainError } from '../domain/errors.js';
import type { InvitationRow } from '../db/schema.js';

const notFound = () => new DomainError('not_found', 'No such invitation.');

/** The invitation as its recipient may act on it; a withdrawn one no longer exists for them. */
export function invitationForRecipient(invitation: InvitationRow | undefined, memberId: number): InvitationRow {
  if (!invitation || invitation.recipient_id !== memberId || invitation.status === 'withdrawn') throw notFound();
  return invitation;
}

export function invitationForSender(invitation: InvitationRow | undefined, memberId: number): InvitationRow {
  if (!invitation || invitation.sender_id !== memberId) throw notFound();
  return invitation;
}

/** Either party may read an invitation; everyone else gets the same "not found". */
export function invitationForParty(invitation: InvitationRow | undefined, memberId: number): { invitation: InvitationRow; role: 'sender' | 'recipient' } {
  if (invitation?.sender_id === memberId) return { invitation, role: 'sender' };
  return { invitation: invitationForRecipient(invitation, memberId), role: 'recipient' };
}
