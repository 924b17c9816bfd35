import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import {
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookDeliveries as listDeliveryRows,
  listWebhookEndpoints,
  webhookEndpointExists,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from '../db/repositories/webhooks.js';
import { checkWebhookTarget, refusalText } from './webhook-target.js';

/** Registers an endpoint for some event topics; answers it with its signing secret, shown this once. */
export async function registerWebhook(ctx: AppContext, adminId: number, input: { url: string; events: readonly string[] }): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const target = await checkWebhookTarget(input.url, ctx.webhookPrivateTargets === true, ctx.resolveHost);
  if (!target.ok) throw new DomainError('validation_failed', refusalText(target));
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const endpoint = await insertWebhookEndpoint(ctx.db, { url: input.url, secret, events: [...new Set(input.events)], createdBy: adminId }, ctx.clock.now());
  return { endpoint, secret };
}

export async function listWebhooks(ctx: AppContext): Promise<WebhookEndpointRow[]> {
  return listWebhookEndpoints(ctx.db);
}

/** Switches an endpoint back on (one disabled after failing deliveries, say). */
export async function enableWebhook(ctx: AppContext, endpointId: number): Promise<WebhookEndpointRow> {
  const endpoint = await enableWebhookEndpoint(ctx.db, endpointId);
  if (!endpoint) throw new DomainError('not_found', 'No such webhook endpoint.');
  return endpoint;
}

export async function removeWebhook(ctx: AppContext, endpointId: number): Promise<void> {
  if (!(await deleteWebhookEndpoint(ctx.db, endpointId))) throw new DomainError('not_found', 'No such webhook endpoint.');
}

/** The delivery log of an endpoint, newest first. */
export async function listWebhookDeliveries(ctx: AppContext, endpointId: number): Promise<WebhookDeliveryRow[]> {
  if (!(await webhookEndpointExists(ctx.db, endpointId))) throw new DomainError('not_found', 'No such webhook endpoint.');
  return listDeliveryRows(ctx.db, endpointId);
}
