import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { checkReply } from '../domain/note.js';
import { findInvitation } from '../db/repositories/invitations.js';
import { hasMessageFromOtherThan, insertInvitationMessage, listInvitationMessages } from '../db/repositories/invitation-messages.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { inTransaction } from '../db/transaction.js';
import { invitationForParty } from './invitation-access.js';

export interface ThreadMessage {
  id: number;
  invitation_id: number;
  author_id: number;
  body: string;
  created_at: Date;
}

/**
 * A message on an invitation's thread: the recipient can answer without accepting, and the sender
 * can answer back. Only while the recipient still has the invitation in front of them.
 */
export async function replyToInvitation(ctx: AppContext, authorId: number, invitationId: number, message: string): Promise<ThreadMessage> {
  const checked = checkReply(message, ctx.policy);
  if (!checked.ok) {
    throw new DomainError('validation_failed', checked.code === 'note_too_long' ? `message: ${checked.max} characters at most.` : `message: ${checked.reason}.`);
  }
  const body = checked.note;
  if (body === null) throw new DomainError('validation_failed', 'message: is empty.');
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const { invitation, role } = invitationForParty(await findInvitation(trx, invitationId), authorId);
    const open = ['pending', 'ignored', 'accepted'].includes(invitation.status);
    if (role === 'recipient' && !open) throw new DomainError('invalid_state', 'This invitation is closed.');
    // The sender may answer the recipient's message, never start the thread (that would be a second nudge).
    if (role === 'sender' && (!open || (invitation.status !== 'accepted' && !(await hasMessageFromOtherThan(trx, invitation.id, authorId))))) {
      throw new DomainError('invalid_state', 'You can write here once the recipient has written to you.');
    }
    const row = await insertInvitationMessage(trx, invitation.id, authorId, body, now);
    const to = role === 'sender' ? invitation.recipient_id : invitation.sender_id;
    await appendEvent(trx, 'invitation.replied', { invitationId: invitation.id, messageId: row.id, authorId, to }, now);
    return row;
  });
}

export async function listThread(ctx: AppContext, memberId: number, invitationId: number): Promise<ThreadMessage[]> {
  const { invitation } = invitationForParty(await findInvitation(ctx.db, invitationId), memberId);
  return listInvitationMessages(ctx.db, invitation.id);
}
