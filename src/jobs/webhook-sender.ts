import { createHmac } from 'node:crypto';
import type { AppContext } from '../context.js';
import { findAdminIds } from '../db/repositories/members.js';
import { insertNotifications } from '../db/repositories/notifications.js';
import { checkWebhookTarget, guardedLookup, refusalText } from '../use-cases/webhook-target.js';
import { postWebhook } from './webhook-http.js';
import { claimDueWebhookDeliveries, disableWebhookEndpoint, hasDeliveredSince, markWebhookAttemptFailed, markWebhookDelivered } from '../db/repositories/webhooks.js';

/** Deliveries claimed at once. */
export const WEBHOOK_BATCH = 20;
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** Standard Webhooks signature: base64 HMAC-SHA256 of `id.timestamp.body` with the endpoint's secret. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * Delivers due webhook calls, signed with the Standard Webhooks headers, retried with exponential
 * backoff for `webhookRetryHours`; an endpoint that keeps failing is disabled and the admins told.
 */
export async function deliverDueWebhooks(ctx: AppContext): Promise<{ claimed: number; delivered: number }> {
  const now = ctx.clock.now();
  const claimed = await claimDueWebhookDeliveries(ctx.db, now, WEBHOOK_BATCH, LEASE_MS);
  let delivered = 0;
  for (const delivery of claimed) {
    const messageId = `msg_${delivery.event_id}`;
    const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      // Asked again at every delivery: a name may have come to point inside since it was registered.
      const allowPrivate = ctx.webhookPrivateTargets === true;
      const target = await checkWebhookTarget(delivery.url, allowPrivate, ctx.resolveHost);
      if (!target.ok) throw new Error(`refused: ${refusalText(target)}`);
      status = await postWebhook(
        delivery.url,
        {
          'content-type': 'application/json',
          'webhook-id': messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(delivery.secret, messageId, timestamp, delivery.body),
        },
        delivery.body,
        { lookup: guardedLookup(allowPrivate, ctx.resolveHost), timeoutMs: TIMEOUT_MS },
      );
    } catch (caught) {
      error = String((caught as Error).message ?? caught).slice(0, 500);
    }
    const at = ctx.clock.now();
    if (status !== null && status >= 200 && status < 300) {
      await markWebhookDelivered(ctx.db, delivery.id, status, at);
      delivered++;
      continue;
    }
    const giveUp = at.getTime() - delivery.created_at.getTime() > ctx.policy.webhookRetryHours * 3_600_000;
    const retryAt = new Date(at.getTime() + Math.min(2 ** delivery.attempts * 15_000, 3 * 3_600_000));
    await markWebhookAttemptFailed(ctx.db, delivery.id, { giveUp, retryAt, status, error: error ?? `HTTP ${status}` });
    if (giveUp) await disableIfFailing(ctx, delivery.endpoint_id, at);
  }
  return { claimed: claimed.length, delivered };
}

/** A delivery gave up: with nothing delivered to the endpoint in the whole retry window, switch it off. */
async function disableIfFailing(ctx: AppContext, endpointId: number, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - ctx.policy.webhookRetryHours * 3_600_000);
  if (await hasDeliveredSince(ctx.db, endpointId, windowStart)) return;
  await ctx.db.transaction().execute(async (trx) => {
    const endpoint = await disableWebhookEndpoint(trx, endpointId, `deliveries failed for ${ctx.policy.webhookRetryHours} hours`);
    if (!endpoint) return;
    const admins = await findAdminIds(trx);
    if (admins.length === 0) return;
    await insertNotifications(trx, admins.map((id) => ({ memberId: id, kind: 'webhook_disabled', payload: { endpointId: String(endpoint.id), url: endpoint.url } })), now);
  });
}
