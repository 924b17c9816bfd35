import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { requireActor } from '../auth.js';
import { fromId, idParams, idSchema, toId } from '../schemas/common.js';
import { typed, type RouteDeps } from './deps.js';

const notificationSchema = z.object({
  id: idSchema,
  kind: z.string().describe('invitation_received | invitation_accepted | invitation_declined | invitation_reply | restricted | lifted | webhook_disabled | introduction_requested | introduction_received | introduction_declined | message | new_follower'),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export function notificationRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['notifications'];

  api.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: idSchema.optional().describe('the id of the last notification of the previous page'),
          unread: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unreadCount: z.number().int() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit, cursor, unread } = request.query;
      let query = ctx.db.selectFrom('notifications').selectAll().where('member_id', '=', actor.memberId).orderBy('id', 'desc').limit(limit + 1);
      if (cursor) query = query.where('id', '<', fromId(cursor));
      if (unread === 'true') query = query.where('read_at', 'is', null);
      const [rows, count] = await Promise.all([
        query.execute(),
        sql<{ n: number }>`select count(*)::int as n from notifications where member_id = ${actor.memberId} and read_at is null`.execute(ctx.db),
      ]);
      const page = rows.slice(0, limit);
      return {
        items: page.map((row) => ({
          id: toId(row.id),
          kind: row.kind,
          payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
          createdAt: row.created_at.toISOString(),
          readAt: row.read_at?.toISOString() ?? null,
        })),
        nextCursor: rows.length > limit ? toId(page.at(-1)!.id) : null,
        unreadCount: count.rows[0]?.n ?? 0,
      };
    },
  );

  api.post('/notifications/:id/read', { schema: { tags, summary: 'Mark one notification read', params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    const actor = requireActor(request);
    const updated = await ctx.db
      .updateTable('notifications')
      .set({ read_at: ctx.clock.now() })
      .where('id', '=', fromId(request.params.id))
      .where('member_id', '=', actor.memberId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      const exists = await ctx.db.selectFrom('notifications').select('id').where('id', '=', fromId(request.params.id)).where('member_id', '=', actor.memberId).executeTakeFirst();
      if (!exists) throw new DomainError('not_found', 'No such notification.');
    }
    return reply.code(204).send(null);
  });

  api.post('/notifications/read-all', { schema: { tags, summary: 'Mark every notification read', response: { 200: z.object({ marked: z.number().int() }) } } }, async (request) => {
    const actor = requireActor(request);
    const updated = await ctx.db.updateTable('notifications').set({ read_at: ctx.clock.now() }).where('member_id', '=', actor.memberId).where('read_at', 'is', null).executeTakeFirst();
    return { marked: Number(updated.numUpdatedRows) };
  });
}
