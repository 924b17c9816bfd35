import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Executor, Trx } from '../database.js';
import type { MessagesTable } from '../schema.js';

export type MessageRow = Selectable<MessagesTable>;

/** Whether `senderId` ever wrote to `recipientId`. */
export async function hasWrittenTo(db: Executor, senderId: number, recipientId: number): Promise<boolean> {
  const row = await db.selectFrom('messages').select('id').where('sender_id', '=', senderId).where('recipient_id', '=', recipientId).executeTakeFirst();
  return row !== undefined;
}

export async function insertMessage(trx: Trx, senderId: number, recipientId: number, kind: MessageRow['kind'], body: string, now: Date): Promise<MessageRow> {
  return trx.insertInto('messages').values({ sender_id: senderId, recipient_id: recipientId, kind, body, created_at: now, read_at: null }).returningAll().executeTakeFirstOrThrow();
}

/** Up to `limit` messages between two members, newest first, older than `beforeId` when given. */
export async function listMessagesBetween(db: Executor, memberId: number, otherId: number, limit: number, beforeId: number | null): Promise<MessageRow[]> {
  let query = db
    .selectFrom('messages')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('sender_id', '=', memberId), eb('recipient_id', '=', otherId)]), eb.and([eb('sender_id', '=', otherId), eb('recipient_id', '=', memberId)])]))
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId !== null) query = query.where('id', '<', beforeId);
  return query.execute();
}

/** Marks what `senderId` wrote to `readerId` and was not read yet as read at `now`. */
export async function markMessagesRead(db: Executor, readerId: number, senderId: number, now: Date): Promise<void> {
  await db.updateTable('messages').set({ read_at: now }).where('sender_id', '=', senderId).where('recipient_id', '=', readerId).where('read_at', 'is', null).execute();
}

/** The member's latest 100 conversations, most recent first: the other member, the last message and how many are unread. */
export async function listConversationSummaries(db: Executor, memberId: number): Promise<{ otherId: number; lastId: number; unread: number }[]> {
  const result = await sql<{ other_id: number; last_id: number; unread: number }>`
    select case when sender_id = ${memberId} then recipient_id else sender_id end as other_id,
           max(id) as last_id,
           (count(*) filter (where recipient_id = ${memberId} and read_at is null))::int as unread
    from messages where sender_id = ${memberId} or recipient_id = ${memberId}
    group by 1 order by max(id) desc limit 100`.execute(db);
  return result.rows.map((row) => ({ otherId: Number(row.other_id), lastId: Number(row.last_id), unread: row.unread }));
}
