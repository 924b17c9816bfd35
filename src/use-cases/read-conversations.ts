import type { Selectable } from 'kysely';
import type { AppContext } from '../context.js';
import { findMessagesByIds } from '../db/repositories/conversation-messages.js';
import { findMemberSummaries, type MemberSummaryRow } from '../db/repositories/members.js';
import type { MessagesTable } from '../db/schema.js';
import { listConversations } from './messages.js';

export interface ConversationSummary {
  member: MemberSummaryRow;
  lastMessage: Selectable<MessagesTable>;
  unread: number;
}

/** A member's conversations, most recent first: with whom, the last message, and how many are unread. */
export async function listConversationSummaries(ctx: AppContext, memberId: number): Promise<ConversationSummary[]> {
  const conversations = await listConversations(ctx, memberId);
  const [members, lasts] = await Promise.all([
    findMemberSummaries(ctx.db, conversations.map((c) => c.otherId)),
    findMessagesByIds(ctx.db, conversations.map((c) => c.lastId)),
  ]);
  const memberById = new Map(members.map((m) => [m.id, m]));
  const lastById = new Map(lasts.map((m) => [m.id, m]));
  return conversations.flatMap((c) => {
    const member = memberById.get(c.otherId);
    const lastMessage = lastById.get(c.lastId);
    return member && lastMessage ? [{ member, lastMessage, unread: c.unread }] : [];
  });
}
