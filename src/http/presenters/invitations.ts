import { DEFAULT_INVITATION_MESSAGE } from '../../domain/note.js';
import type { Policy } from '../../domain/policy.js';
import { reinviteAfterWithdrawal } from '../../domain/reinvite.js';
import { resendAvailableAt, senderActions, statusForSender } from '../../domain/sender-view.js';
import type { MemberSummaryRow } from '../../db/repositories/members.js';
import type { InvitationRow } from '../../db/schema.js';
import { senderFactsOf } from '../../use-cases/manage-sent-invitation.js';
import { toId } from '../schemas/common.js';
import type { InvitationDto } from '../schemas/invitations.js';
import { presentMemberSummary } from './members.js';

/**
 * An invitation as one of its two parties sees it. The sender never learns that it was ignored or
 * reported: both read `pending`, with no answer time.
 */
export function presentInvitation(invitation: InvitationRow, role: 'sender' | 'recipient', members: ReadonlyMap<number, MemberSummaryRow>): InvitationDto {
  const sender = members.get(invitation.sender_id);
  const recipient = invitation.recipient_id === null ? undefined : members.get(invitation.recipient_id);
  if (!sender) throw new Error(`invitation ${invitation.id}: sender not loaded`);
  const status = role === 'sender' ? statusForSender(invitation.status) : invitation.status;
  const silent = role === 'sender' && status !== invitation.status;
  // Invited by address alone: until it is answered, the sender sees the address, not who has it.
  const byAddressOnly = role === 'sender' && invitation.source === 'email' && status === 'pending';
  return {
    id: toId(invitation.id),
    sender: presentMemberSummary(sender),
    recipient: recipient && !byAddressOnly ? presentMemberSummary(recipient) : null,
    recipientEmail: role === 'sender' ? invitation.recipient_email : null,
    note: invitation.note,
    message: invitation.note ?? DEFAULT_INVITATION_MESSAGE,
    howWeMet: invitation.how_we_met,
    status,
    createdAt: invitation.created_at.toISOString(),
    viewedAt: invitation.viewed_at?.toISOString() ?? null,
    respondedAt: silent ? null : (invitation.responded_at?.toISOString() ?? null),
  };
}

export function presentSentInvitation(invitation: InvitationRow, members: ReadonlyMap<number, MemberSummaryRow>, policy: Policy) {
  const facts = senderFactsOf(invitation);
  return {
    ...presentInvitation(invitation, 'sender', members),
    actions: senderActions(facts, policy),
    resendAvailableAt: resendAvailableAt(facts, policy)?.toISOString() ?? null,
    resendsLeft: invitation.status === 'pending' ? Math.max(0, policy.maxResends - invitation.resend_count) : 0,
    remindersSent: invitation.resend_count,
    reinviteAfter: invitation.status === 'withdrawn' && invitation.responded_at ? reinviteAfterWithdrawal(invitation.responded_at, policy).toISOString() : null,
  };
}
