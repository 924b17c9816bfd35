import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { enableWebhook, listWebhookDeliveries, listWebhooks, registerWebhook, removeWebhook } from '../../use-cases/manage-webhooks.js';
import { requireAdmin } from '../auth.js';
import { fromId, idParams, problemSchema, toId } from '../schemas/common.js';
import { typed, type RouteDeps } from './deps.js';

const TOPICS = [
  'invitation.sent', 'invitation.accepted', 'invitation.ignored', 'invitation.declined', 'invitation.reported', 'invitation.withdrawn',
  'invitation.resent', 'invitation.expired', 'invitation.replied', 'member.joined', 'member.restricted', 'member.lifted',
  'connection.created', 'connection.removed', 'introduction.requested', 'introduction.forwarded', 'introduction.declined',
  'introduction.connected', 'message.sent', 'member.followed', 'member.unfollowed', 'member.tier_changed', 'member.closed', 'allotment.granted',
  'allotment.denied', '*',
] as const;

const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
});

function present(row: { id: number; url: string; events: string[]; enabled: boolean; disabled_reason: string | null; created_at: Date }) {
  return { id: toId(row.id), url: row.url, events: row.events, enabled: row.enabled, disabledReason: row.disabled_reason, createdAt: row.created_at.toISOString() };
}

/** Operators register endpoints for event types; deliveries are signed (Standard Webhooks) and retried. */
export function webhookRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['admin'];

  api.post(
    '/admin/webhooks',
    {
      schema: {
        tags,
        summary: 'Register a webhook endpoint; the signing secret is shown once',
        body: z.strictObject({
          url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
          events: z.array(z.enum(TOPICS)).min(1).max(TOPICS.length),
        }),
        response: { 201: z.object({ webhook: webhookSchema, secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const admin = requireAdmin(request);
      const { endpoint, secret } = await registerWebhook(ctx, admin.memberId, request.body);
      return reply.code(201).send({ webhook: present(endpoint), secret });
    },
  );

  api.get('/admin/webhooks', { schema: { tags, summary: 'Webhook endpoints', response: { 200: z.object({ items: z.array(webhookSchema) }) } } }, async (request) => {
    requireAdmin(request);
    return { items: (await listWebhooks(ctx)).map(present) };
  });

  api.post('/admin/webhooks/:id/enable', { schema: { tags, summary: 'Switch a disabled endpoint back on', params: idParams, response: { 200: z.object({ webhook: webhookSchema }) } } }, async (request) => {
    requireAdmin(request);
    return { webhook: present(await enableWebhook(ctx, fromId(request.params.id))) };
  });

  api.delete('/admin/webhooks/:id', { schema: { tags, summary: 'Remove a webhook endpoint', params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    requireAdmin(request);
    await removeWebhook(ctx, fromId(request.params.id));
    return reply.code(204).send(null);
  });

  api.get(
    '/admin/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log of an endpoint, newest first',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), topic: z.string(), status: z.string(), attempts: z.number().int(), lastStatus: z.number().int().nullable(), lastError: z.string().nullable(), createdAt: z.string(), deliveredAt: z.string().nullable() })),
          }),
          404: problemSchema,
        },
      },
    },
    async (request) => {
      requireAdmin(request);
      const rows = await listWebhookDeliveries(ctx, fromId(request.params.id));
      return {
        items: rows.map((row) => ({
          id: toId(row.id),
          topic: row.topic,
          status: row.status,
          attempts: row.attempts,
          lastStatus: row.last_status,
          lastError: row.last_error,
          createdAt: row.created_at.toISOString(),
          deliveredAt: row.delivered_at?.toISOString() ?? null,
        })),
      };
    },
  );
}
