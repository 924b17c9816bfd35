import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decideReply } from '../domain/invitation-state.js';
import { checkReply } from '../domain/note.js';
import { findInvitation } from '../db/repositories/invitations.js';
import { hasMessageFromOtherThan, insertInvitationMessage, listInvitationMessages } from '../db/repositories/invitation-messages.js';
import { markInvitationNotificationsRead } from '../db/repositories/invitation-notifications.js';
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
    const otherHasWritten = role === 'sender' && invitation.status !== 'accepted' && (await hasMessageFromOtherThan(trx, invitation.id, authorId));
    const decision = decideReply({ status: invitation.status, role, otherHasWritten });
    if (!decision.ok) throw new DomainError(decision.code, decision.reason);
    const row = await insertInvitationMessage(trx, invitation.id, authorId, body, now);
    const to = role === 'sender' ? invitation.recipient_id : invitation.sender_id;
    await appendEvent(trx, 'invitation.replied', { invitationId: invitation.id, messageId: row.id, authorId, to }, now);
    // Answering in the thread is an answer: the recipient's "invited you" notification is read.
    if (role === 'recipient') await markInvitationNotificationsRead(trx, authorId, [invitation.id], now);
    return row;
  });
}

/** The thread, oldest first, and whether the member asking may write on it now. */
export async function listThread(ctx: AppContext, memberId: number, invitationId: number): Promise<{ items: ThreadMessage[]; cannotWrite: 'closed' | 'wait_for_recipient' | null }> {
  const { invitation, role } = invitationForParty(await findInvitation(ctx.db, invitationId), memberId);
  const items = await listInvitationMessages(ctx.db, invitation.id);
  const otherHasWritten = items.some((message) => message.author_id !== memberId);
  const decision = decideReply({ status: invitation.status, role, otherHasWritten });
  return { items, cannotWrite: decision.ok ? null : decision.why };
}
