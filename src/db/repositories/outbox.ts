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
  | 'member.unfollowed';

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
