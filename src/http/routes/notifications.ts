import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorsOfNotifications } from '../../use-cases/notification-actors.js';
import { invitationsOfNotifications } from '../../use-cases/notification-invitations.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../use-cases/read-notifications.js';
import { requireActor } from '../auth.js';
import { presentMemberSummary } from '../presenters/members.js';
import { memberSummarySchema } from '../schemas/members.js';
import { pageOf } from '../cursor.js';
import { fromId, idParams, idSchema, toId } from '../schemas/common.js';
import { typed, type RouteDeps } from './deps.js';

const notificationSchema = z.object({
  id: idSchema,
  kind: z.string().describe('invitation_received | invitation_accepted | invitation_declined | invitation_reply | restricted | lifted | webhook_disabled | introduction_requested | introduction_received | introduction_declined | message | new_follower | tier_changed | allotment_granted | allotment_denied | data_export_ready'),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  invitation: z
    .object({
      id: idSchema,
      status: z.enum(['pending', 'accepted', 'ignored', 'declined', 'reported', 'expired']),
      actions: z.array(z.enum(['accept', 'ignore'])).describe('the answers to offer on the notification itself: Accept and Ignore while pending'),
    })
    .nullable()
    .optional()
    .describe('with `invitation_received` only: the invitation as it stands now; `null` once it is withdrawn'),
  actor: memberSummarySchema.nullable().describe('who the notification is from (for their photo or initials); `null` when it is from nobody in particular'),
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
      const { rows, unreadCount } = await listNotifications(ctx, actor.memberId, { limit, beforeId: cursor ? fromId(cursor) : null, unreadOnly: unread === 'true' });
      const page = pageOf(rows, limit, (last) => toId(last.id));
      const parsed = page.items.map((row) => ({ ...row, payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown> }));
      const [invitations, actors] = await Promise.all([invitationsOfNotifications(ctx, actor.memberId, parsed), actorsOfNotifications(ctx, actor.memberId, parsed)]);
      return {
        items: parsed.map((row) => {
          const invitation = invitations.get(row.id);
          return {
            id: toId(row.id),
            kind: row.kind,
            payload: row.payload,
            createdAt: row.created_at.toISOString(),
            readAt: row.read_at?.toISOString() ?? null,
            actor: actors.has(row.id) ? presentMemberSummary(actors.get(row.id)!) : null,
            ...(invitation === undefined ? {} : { invitation: invitation && { id: toId(invitation.id), status: invitation.status as Exclude<typeof invitation.status, 'withdrawn'>, actions: invitation.actions } }),
          };
        }),
        nextCursor: page.nextCursor,
        unreadCount,
      };
    },
  );

  api.post('/notifications/:id/read', { schema: { tags, summary: 'Mark one notification read', params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
    const actor = requireActor(request);
    await markNotificationRead(ctx, actor.memberId, fromId(request.params.id));
    return reply.code(204).send(null);
  });

  api.post('/notifications/read-all', { schema: { tags, summary: 'Mark every notification read', response: { 200: z.object({ marked: z.number().int() }) } } }, async (request) => {
    const actor = requireActor(request);
    return { marked: await markAllNotificationsRead(ctx, actor.memberId) };
  });
}
