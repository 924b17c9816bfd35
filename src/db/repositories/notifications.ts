import { sql, type Selectable } from 'kysely';
import type { Executor, Trx } from '../database.js';
import type { NotificationsTable } from '../schema.js';

export type NotificationRow = Selectable<NotificationsTable>;

/** A member's notifications, newest first, `limit` of them from before `beforeId` on; only unread ones when asked. */
export async function listNotifications(
  db: Executor,
  memberId: number,
  page: { limit: number; beforeId: number | null; unreadOnly: boolean },
): Promise<NotificationRow[]> {
  let query = db.selectFrom('notifications').selectAll().where('member_id', '=', memberId).orderBy('id', 'desc').limit(page.limit);
  if (page.beforeId !== null) query = query.where('id', '<', page.beforeId);
  if (page.unreadOnly) query = query.where('read_at', 'is', null);
  return query.execute();
}

export async function countUnreadNotifications(db: Executor, memberId: number): Promise<number> {
  const count = await sql<{ n: number }>`select count(*)::int as n from notifications where member_id = ${memberId} and read_at is null`.execute(db);
  return count.rows[0]?.n ?? 0;
}

/** Marks one of a member's notifications read; answers whether it was unread. */
export async function markNotificationRead(db: Executor, memberId: number, id: number, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return updated.numUpdatedRows !== 0n;
}

export async function notificationExists(db: Executor, memberId: number, id: number): Promise<boolean> {
  const row = await db.selectFrom('notifications').select('id').where('id', '=', id).where('member_id', '=', memberId).executeTakeFirst();
  return row !== undefined;
}

/** Marks every unread notification of a member read; answers how many. */
export async function markAllNotificationsRead(db: Executor, memberId: number, now: Date): Promise<number> {
  const updated = await db.updateTable('notifications').set({ read_at: now }).where('member_id', '=', memberId).where('read_at', 'is', null).executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** Notifications that no outbox event caused (an operator's alert), in the caller's transaction. */
export async function insertNotifications(trx: Trx, rows: readonly { memberId: number; kind: string; payload: Record<string, unknown> }[], now: Date): Promise<void> {
  await trx
    .insertInto('notifications')
    .values(rows.map((row) => ({ member_id: row.memberId, kind: row.kind, payload: JSON.stringify(row.payload), source_event_id: null, created_at: now, read_at: null })))
    .execute();
}

/** A notification an outbox event causes; its payload already JSON. */
export interface EventNotification {
  member_id: number;
  kind: string;
  payload: string;
  source_event_id: number;
}

/**
 * Writes the notifications of a batch of events in one statement, a repeat of one already written
 * skipped. Rows go in as arrays (`unnest`), so the statement's text is the same whatever the
 * batch's size, and is prepared once per connection.
 */
export async function insertEventNotifications(trx: Trx, n: readonly EventNotification[], now: Date): Promise<void> {
  if (n.length === 0) return;
  await sql`
        insert into notifications (member_id, kind, payload, source_event_id, created_at)
        select member_id, kind, payload::jsonb, source_event_id, ${now}
        from unnest(${sql.val(n.map((r) => r.member_id))}::bigint[], ${sql.val(n.map((r) => r.kind))}::text[],
                    ${sql.val(n.map((r) => r.payload))}::text[], ${sql.val(n.map((r) => r.source_event_id))}::bigint[])
          as row(member_id, kind, payload, source_event_id)
        on conflict (member_id, source_event_id, kind) do nothing`.execute(trx);
}
