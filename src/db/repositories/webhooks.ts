import { sql, type Selectable } from 'kysely';
import type { Db, Executor, Trx } from '../database.js';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../schema.js';

export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;

export async function insertWebhookEndpoint(
  db: Executor,
  endpoint: { url: string; secret: string; events: string[]; createdBy: number },
  now: Date,
): Promise<WebhookEndpointRow> {
  return db
    .insertInto('webhook_endpoints')
    .values({ url: endpoint.url, secret: endpoint.secret, events: endpoint.events, created_by: endpoint.createdBy, created_at: now, disabled_reason: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listWebhookEndpoints(db: Executor): Promise<WebhookEndpointRow[]> {
  return db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
}

/** The endpoints switched on, with the topics each takes. */
export async function listEnabledWebhookEndpoints(db: Executor): Promise<{ id: number; events: string[] }[]> {
  return db.selectFrom('webhook_endpoints').select(['id', 'events']).where('enabled', '=', true).execute();
}

export async function webhookEndpointExists(db: Executor, id: number): Promise<boolean> {
  const row = await db.selectFrom('webhook_endpoints').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Switches an endpoint (back) on; answers it, or undefined when there is none. */
export async function enableWebhookEndpoint(db: Executor, id: number): Promise<WebhookEndpointRow | undefined> {
  return db.updateTable('webhook_endpoints').set({ enabled: true, disabled_reason: null }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Switches an endpoint off if it is on; answers it when it was. */
export async function disableWebhookEndpoint(trx: Trx, id: number, reason: string): Promise<{ id: number; url: string } | undefined> {
  return trx
    .updateTable('webhook_endpoints')
    .set({ enabled: false, disabled_reason: reason })
    .where('id', '=', id)
    .where('enabled', '=', true)
    .returning(['id', 'url'])
    .executeTakeFirst();
}

/** Removes an endpoint; answers whether there was one. */
export async function deleteWebhookEndpoint(db: Executor, id: number): Promise<boolean> {
  const deleted = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return deleted.numDeletedRows !== 0n;
}

/** The last 100 deliveries to an endpoint, newest first. */
export async function listWebhookDeliveries(db: Executor, endpointId: number): Promise<WebhookDeliveryRow[]> {
  return db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id', 'desc').limit(100).execute();
}

/** A webhook delivery due to go out, with where to and the key to sign it with. */
export interface ClaimedDelivery {
  id: number;
  endpoint_id: number;
  event_id: number;
  body: string;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries for `leaseMs` (`FOR UPDATE SKIP LOCKED`: processes share the
 * work without waiting on each other) and counts the attempt; a lease that runs out lets another
 * process take the delivery over. One statement on its own, outside any transaction: the lease,
 * not a row lock, is what holds the claim while the calls go out.
 */
export async function claimDueWebhookDeliveries(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const claimed = await sql<ClaimedDelivery>`
    with due as (
      select d.id from webhook_deliveries d
      where d.status = 'pending' and d.next_attempt_at <= ${now} and (d.locked_until is null or d.locked_until < ${now})
      order by d.id limit ${limit} for update skip locked)
    update webhook_deliveries d set locked_until = ${new Date(now.getTime() + leaseMs)}, attempts = d.attempts + 1
    from due, webhook_endpoints e
    where d.id = due.id and e.id = d.endpoint_id
    returning d.id, d.endpoint_id, d.event_id, d.body, d.attempts, d.created_at, e.url, e.secret`.execute(db);
  return claimed.rows;
}

export async function markWebhookDelivered(db: Executor, id: number, status: number, at: Date): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ status: 'delivered', delivered_at: at, last_status: status, last_error: null, locked_until: null }).where('id', '=', id).execute();
}

/** Records a failed attempt: tried again at `retryAt`, or given up on (`failed`). */
export async function markWebhookAttemptFailed(
  db: Executor,
  id: number,
  attempt: { giveUp: boolean; retryAt: Date; status: number | null; error: string },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: attempt.giveUp ? 'failed' : 'pending', next_attempt_at: attempt.retryAt, last_status: attempt.status, last_error: attempt.error, locked_until: null })
    .where('id', '=', id)
    .execute();
}

/** Whether anything reached the endpoint after `since`. */
export async function hasDeliveredSince(db: Executor, endpointId: number, since: Date): Promise<boolean> {
  const delivered = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'delivered')
    .where('delivered_at', '>', since)
    .executeTakeFirst();
  return delivered !== undefined;
}

/** A webhook call an outbox event causes. */
export interface EventDelivery {
  endpoint_id: number;
  event_id: number;
  topic: string;
  body: string;
}

/**
 * Writes the webhook deliveries of a batch of events in one statement, a repeat of one already
 * written skipped. Rows go in as arrays (`unnest`): one statement text whatever the batch's size.
 */
export async function insertEventDeliveries(trx: Trx, d: readonly EventDelivery[], now: Date): Promise<void> {
  if (d.length === 0) return;
  await sql`
        insert into webhook_deliveries (endpoint_id, event_id, topic, body, next_attempt_at, created_at)
        select endpoint_id, event_id, topic, body, ${now}, ${now}
        from unnest(${sql.val(d.map((r) => r.endpoint_id))}::bigint[], ${sql.val(d.map((r) => r.event_id))}::bigint[],
                    ${sql.val(d.map((r) => r.topic))}::text[], ${sql.val(d.map((r) => r.body))}::text[])
          as row(endpoint_id, event_id, topic, body)
        on conflict (endpoint_id, event_id) do nothing`.execute(trx);
}
