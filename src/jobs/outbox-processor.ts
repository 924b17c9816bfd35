import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { applyEventEffects, type OutboxEvent } from './event-effects.js';

const BATCH = 100;

/**
 * Delivers outbox events: claims a batch with `FOR UPDATE SKIP LOCKED` (several processes share the
 * work without waiting on each other), writes their effects — notifications, mail rows, webhook
 * deliveries — and marks them processed, all in one transaction. A process that dies mid-batch
 * rolls back; another one takes the batch. Answers how many events it processed.
 */
export async function processOutbox(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const events = await trx
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload'])
      .where('processed_at', 'is', null)
      .where('available_at', '<=', now)
      .orderBy('id')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (events.length === 0) return 0;
    const endpoints = await trx.selectFrom('webhook_endpoints').select(['id', 'events']).where('enabled', '=', true).execute();
    for (const row of events) {
      const event: OutboxEvent = { id: row.id, topic: row.topic, payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload };
      await applyEventEffects(trx, ctx, event, now);
      const subscribed = endpoints.filter((endpoint) => endpoint.events.includes(event.topic) || endpoint.events.includes('*'));
      if (subscribed.length > 0) {
        const body = JSON.stringify({ type: event.topic, timestamp: now.toISOString(), data: event.payload });
        await trx
          .insertInto('webhook_deliveries')
          .values(subscribed.map((endpoint) => ({ endpoint_id: endpoint.id, event_id: event.id, topic: event.topic, body, next_attempt_at: now, locked_until: null, last_status: null, last_error: null, created_at: now, delivered_at: null })))
          .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
          .execute();
      }
    }
    await sql`update outbox set processed_at = ${now} where id = any(${sql.val(events.map((e) => e.id))}::bigint[])`.execute(trx);
    return events.length;
  });
}
