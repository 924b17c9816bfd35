import { sql } from 'kysely';
import type { Executor, Trx } from '../database.js';
import { noteTopicWritten } from '../transaction.js';

/** Events other parts of the system react to (mail, notifications, webhooks, the graph index). */
export type EventTopic =
  | 'member.joined'
  | 'member.restricted'
  | 'member.lifted'
  | 'invitation.sent'
  | 'invitation.accepted'
  | 'invitation.ignored'
  | 'invitation.declined'
  | 'invitation.reported'
  | 'invitation.withdrawn'
  | 'invitation.resent'
  | 'invitation.expired'
  | 'invitation.replied'
  | 'connection.created'
  | 'connection.removed'
  | 'introduction.requested'
  | 'introduction.forwarded'
  | 'introduction.declined'
  | 'introduction.connected'
  | 'message.sent'
  | 'member.followed'
  | 'member.unfollowed'
  | 'member.tier_changed'
  | 'member.closed'
  | 'allotment.granted'
  | 'allotment.denied'
  | 'export.ready';

/** Appends an event in the caller's transaction: it exists exactly when the change that caused it does. */
export async function appendEvent(trx: Trx, topic: EventTopic, payload: Record<string, unknown>, now: Date): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({ topic, payload: JSON.stringify(payload), created_at: now, available_at: now })
    .execute();
  noteTopicWritten(trx, topic);
}

/** Appends several events in one statement (in order), in the caller's transaction. */
export async function appendEvents(trx: Trx, events: readonly { topic: EventTopic; payload: Record<string, unknown> }[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(events.map(({ topic, payload }) => ({ topic, payload: JSON.stringify(payload), created_at: now, available_at: now })))
    .execute();
  for (const { topic } of events) noteTopicWritten(trx, topic);
}

export async function listEvents(db: Executor, topic?: EventTopic) {
  let query = db.selectFrom('outbox').select(['id', 'topic', 'payload', 'created_at']).orderBy('id');
  if (topic) query = query.where('topic', '=', topic);
  return query.execute();
}

/**
 * Claims the next `limit` unprocessed events available at `now`, in order, for the rest of the
 * transaction; those another process holds are skipped (`FOR UPDATE SKIP LOCKED`), so several
 * processes share the work without waiting on each other.
 */
export async function claimOutboxBatch(trx: Trx, now: Date, limit: number) {
  return trx
    .selectFrom('outbox')
    .select(['id', 'topic', 'payload'])
    .where('processed_at', 'is', null)
    .where('available_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Marks claimed events processed: one statement text whatever their number. */
export async function markEventsProcessed(trx: Trx, ids: readonly number[], now: Date): Promise<void> {
  await sql`update outbox set processed_at = ${now} where id = any(${sql.val(ids)}::bigint[])`.execute(trx);
}
