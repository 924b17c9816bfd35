import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { requireAdmin } from '../auth.js';
import { fromId, idParams, problemSchema, toId } from '../schemas/common.js';
import { typed, type RouteDeps } from './deps.js';

const TOPICS = [
  'invitation.sent', 'invitation.accepted', 'invitation.ignored', 'invitation.declined', 'invitation.reported', 'invitation.withdrawn',
  'invitation.resent', 'invitation.expired', 'invitation.replied', 'member.joined', 'member.restricted', 'member.lifted',
  'connection.created', 'connection.removed', 'introduction.requested', 'introduction.forwarded', 'introduction.declined',
  'introduction.connected', 'message.sent', 'member.followed', 'member.unfollowed', '*',
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
      const secret = `whsec_${randomBytes(24).toString('base64')}`;
      const row = await ctx.db
        .insertInto('webhook_endpoints')
        .values({ url: request.body.url, secret, events: [...new Set(request.body.events)], created_by: admin.memberId, created_at: ctx.clock.now(), disabled_reason: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return reply.code(201).send({ webhook: present(row), secret });
    },
  );

  api.get('/admin/webhooks', { schema: { tags, summary: 'Webhook endpoints', response: { 200: z.object({ items: z.array(webhookSchema) }) } } }, async (request) => {
    requireAdmin(request);
    return { items: (await ctx.db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute()).map(present) };
  });

  api.post('/admin/webhooks/:id/enable', { schema: { tags, summary: 'Switch a disabled endpoint back on', params: idParams, response: { 200: z.object({ webhook: webhookSchema }) } } }, async (request) => {
    requireAdmin(request);
    const row = await ctx.db.updateTable('webhook_endpoints').set({ enabled: true, disabled_reason: null }).where('id', '=', fromId(request.params.id)).returningAll().executeTakeFirst();
    if (!row) throw new DomainError('not_found', 'No such webhook endpoint.');
    return { webhook: present(row) };
  });

  api.delete('/admin/webhooks/:id', { schema: { tags, summary: 'Remove a webhook endpoint', params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    requireAdmin(request);
    const deleted = await ctx.db.deleteFrom('webhook_endpoints').where('id', '=', fromId(request.params.id)).executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw new DomainError('not_found', 'No such webhook endpoint.');
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
      const endpoint = await ctx.db.selectFrom('webhook_endpoints').select('id').where('id', '=', fromId(request.params.id)).executeTakeFirst();
      if (!endpoint) throw new DomainError('not_found', 'No such webhook endpoint.');
      const rows = await ctx.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', fromId(request.params.id)).orderBy('id', 'desc').limit(100).execute();
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
