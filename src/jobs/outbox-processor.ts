import { setImmediate } from 'node:timers/promises';
import type { AppContext } from '../context.js';
import { claimOutboxBatch, markEventsProcessed } from '../db/repositories/outbox.js';
import { listEnabledWebhookEndpoints } from '../db/repositories/webhooks.js';
import { EffectsBatch, type EffectReferences } from './effects-batch.js';
import { applyEventEffects, referencesOf, type OutboxEvent } from './event-effects.js';

/** Events claimed per transaction. */
export const OUTBOX_BATCH = 100;

/**
 * Delivers outbox events: claims a batch with `FOR UPDATE SKIP LOCKED` (several processes share the
 * work without waiting on each other), writes their effects — notifications, mail rows, webhook
 * deliveries, read and written for the whole batch at once (`EffectsBatch`) — and marks them
 * processed, all in one transaction. A process that dies mid-batch rolls back; another one takes
 * the batch. Answers how many events it processed. `limit` is for the benchmark's one-event baseline.
 */
export async function processOutbox(ctx: AppContext, limit = OUTBOX_BATCH): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const events = await claimOutboxBatch(trx, now, limit);
    if (events.length === 0) return 0;
    const endpoints = await listEnabledWebhookEndpoints(trx);
    const batch: OutboxEvent[] = events.map((row) => ({ id: row.id, topic: row.topic, payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }));
    const references: EffectReferences = { members: [], invitations: [], introductions: [], invitationMessages: [] };
    for (const event of batch) referencesOf(event, references);
    const effects = await EffectsBatch.read(trx, ctx, references, now);
    for (const event of batch) {
      // Rendering a batch's mail is tens of milliseconds of CPU: let the requests waiting on this
      // process run between events rather than after the whole batch.
      await setImmediate();
      await applyEventEffects(effects, ctx, event);
      const subscribed = endpoints.filter((endpoint) => endpoint.events.includes(event.topic) || endpoint.events.includes('*'));
      if (subscribed.length > 0) {
        const body = JSON.stringify({ type: event.topic, timestamp: now.toISOString(), data: event.payload });
        effects.deliverToWebhooks(subscribed.map((endpoint) => endpoint.id), event.id, event.topic, body);
      }
    }
    await effects.write();
    await markEventsProcessed(trx, events.map((e) => e.id), now);
    return events.length;
  });
}
