import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { checkMessageBody, decideMessage } from '../domain/messaging.js';
import { findMemberKind, hasBlockRowEitherWay, isBlockedEitherWay, lockMember } from '../db/repositories/members.js';
import { hasWrittenTo, insertMessage, listConversationSummaries, listMessagesBetween, markMessagesRead } from '../db/repositories/messages.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { MessagesTable } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { areConnected } from '../graph/sql-graph.js';
import { inmailSentThisMonth } from '../db/repositories/monthly-usage.js';
import type { Selectable } from 'kysely';

export type Message = Selectable<MessagesTable>;

const refusals = {
  cannot_message_self: 'You cannot write to yourself.',
  not_found: 'No such member.',
  not_connected: 'You can write to your connections; to write to anyone else you need InMail credits.',
  inmail_credits_exhausted: 'You have used all your InMail credits for this month.',
} as const;

/** Writes to a member: free between connections and in answer, else one InMail credit. */
export async function sendMessage(ctx: AppContext, senderId: number, recipientId: number, text: string): Promise<Message> {
  const checked = checkMessageBody(text, ctx.policy);
  if (!checked.ok) throw new DomainError('validation_failed', checked.code === 'note_too_long' ? `body: ${checked.max} characters at most.` : `body: ${checked.reason}.`);
  const body = checked.note;
  if (body === null) throw new DomainError('validation_failed', 'body: is empty.');
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const sender = await lockMember(trx, senderId); // InMail credits are exact under concurrency
    if (!sender) throw new DomainError('unauthorized', 'This account no longer exists.');
    const recipient = await findMemberKind(trx, recipientId);
    if (!recipient) throw new DomainError('not_found', 'No such member.');
    const [connected, blocked, used, written] = await Promise.all([
      areConnected(trx, senderId, recipientId),
      isBlockedEitherWay(trx, senderId, recipientId),
      inmailSentThisMonth(trx, senderId, now),
      hasWrittenTo(trx, recipientId, senderId),
    ]);
    const decision = decideMessage(
      { senderId, recipientId, senderTier: sender.tier, connected, blocked, recipientKind: recipient.kind, inmailUsedThisMonth: used, recipientHasWritten: written },
      ctx.policy,
    );
    if (!decision.ok) throw new DomainError(decision.code, refusals[decision.code], decision.credits !== undefined ? { credits: decision.credits } : {});
    const message = await insertMessage(trx, senderId, recipientId, decision.kind, body, now);
    await appendEvent(trx, 'message.sent', { messageId: message.id, senderId, recipientId }, now);
    return message;
  });
}

/** One conversation, newest first; reading it marks what was written to you as read. */
export async function readConversation(ctx: AppContext, memberId: number, otherId: number, limit: number, beforeId: number | null): Promise<Message[]> {
  // An unknown member and one behind a block answer the same. A closed account's messages stay readable (from "a former member").
  const [other, blocked] = await Promise.all([findMemberKind(ctx.db, otherId), hasBlockRowEitherWay(ctx.db, memberId, otherId)]);
  if (!other || blocked) throw new DomainError('not_found', 'No such member.');
  const rows = await listMessagesBetween(ctx.db, memberId, otherId, limit + 1, beforeId);
  await markMessagesRead(ctx.db, memberId, otherId, ctx.clock.now());
  return rows;
}

/** Everyone the member has a conversation with, most recent first, with the last message and unread count. */
export async function listConversations(ctx: AppContext, memberId: number) {
  return listConversationSummaries(ctx.db, memberId);
}
