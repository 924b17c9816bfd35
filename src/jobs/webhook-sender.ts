import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';

/** Deliveries claimed at once. */
export const WEBHOOK_BATCH = 20;
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** Standard Webhooks signature: base64 HMAC-SHA256 of `id.timestamp.body` with the endpoint's secret. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

interface ClaimedDelivery {
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
 * Delivers due webhook calls, signed with the Standard Webhooks headers, retried with exponential
 * backoff for `webhookRetryHours`; an endpoint that keeps failing is disabled and the admins told.
 */
export async function deliverDueWebhooks(ctx: AppContext): Promise<{ claimed: number; delivered: number }> {
  const now = ctx.clock.now();
  const claimed = await sql<ClaimedDelivery>`
    with due as (
      select d.id from webhook_deliveries d
      where d.status = 'pending' and d.next_attempt_at <= ${now} and (d.locked_until is null or d.locked_until < ${now})
      order by d.id limit ${WEBHOOK_BATCH} for update skip locked)
    update webhook_deliveries d set locked_until = ${new Date(now.getTime() + LEASE_MS)}, attempts = d.attempts + 1
    from due, webhook_endpoints e
    where d.id = due.id and e.id = d.endpoint_id
    returning d.id, d.endpoint_id, d.event_id, d.body, d.attempts, d.created_at, e.url, e.secret`.execute(ctx.db);
  let delivered = 0;
  for (const delivery of claimed.rows) {
    const messageId = `msg_${delivery.event_id}`;
    const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(delivery.secret, messageId, timestamp, delivery.body),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      status = response.status;
      await response.body?.cancel();
    } catch (caught) {
      error = String((caught as Error).message ?? caught).slice(0, 500);
    }
    const at = ctx.clock.now();
    if (status !== null && status >= 200 && status < 300) {
      await ctx.db.updateTable('webhook_deliveries').set({ status: 'delivered', delivered_at: at, last_status: status, last_error: null, locked_until: null }).where('id', '=', delivery.id).execute();
      delivered++;
      continue;
    }
    const giveUp = at.getTime() - delivery.created_at.getTime() > ctx.policy.webhookRetryHours * 3_600_000;
    const retryAt = new Date(at.getTime() + Math.min(2 ** delivery.attempts * 15_000, 3 * 3_600_000));
    await ctx.db
      .updateTable('webhook_deliveries')
      .set({ status: giveUp ? 'failed' : 'pending', next_attempt_at: retryAt, last_status: status, last_error: error ?? `HTTP ${status}`, locked_until: null })
      .where('id', '=', delivery.id)
      .execute();
    if (giveUp) await disableIfFailing(ctx, delivery.endpoint_id, at);
  }
  return { claimed: claimed.rows.length, delivered };
}

/** A delivery gave up: with nothing delivered to the endpoint in the whole retry window, switch it off. */
async function disableIfFailing(ctx: AppContext, endpointId: number, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - ctx.policy.webhookRetryHours * 3_600_000);
  const delivered = await ctx.db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'delivered')
    .where('delivered_at', '>', windowStart)
    .executeTakeFirst();
  if (delivered) return;
  await ctx.db.transaction().execute(async (trx) => {
    const endpoint = await trx
      .updateTable('webhook_endpoints')
      .set({ enabled: false, disabled_reason: `deliveries failed for ${ctx.policy.webhookRetryHours} hours` })
      .where('id', '=', endpointId)
      .where('enabled', '=', true)
      .returning(['id', 'url'])
      .executeTakeFirst();
    if (!endpoint) return;
    const admins = await trx.selectFrom('members').select('id').where('role', '=', 'admin').execute();
    if (admins.length === 0) return;
    await trx
      .insertInto('notifications')
      .values(admins.map((admin) => ({ member_id: admin.id, kind: 'webhook_disabled', payload: JSON.stringify({ endpointId: String(endpoint.id), url: endpoint.url }), source_event_id: null, created_at: now, read_at: null })))
      .execute();
  });
}
