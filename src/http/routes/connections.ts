import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { blockMember, removeConnection, unblockMember } from '../../use-cases/connections.js';
import { listBlockedMembers, listConnections } from '../../use-cases/read-connections.js';
import { removeConnections } from '../../use-cases/remove-connections.js';
import { requireActor } from '../auth.js';
import { decodeCursor, encodeCursor, pageOf } from '../cursor.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idSchema, listOf, problemSchema, toId } from '../schemas/common.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

const memberIdParams = z.strictObject({ memberId: idSchema });

export function connectionRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['connections'];

  api.get(
    '/connections',
    {
      schema: {
        tags,
        summary: 'Your connections, most recent first',
        querystring: z.strictObject({
          q: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: listOf(z.object({ member: memberSummarySchema, connectedAt: z.string() })) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit, q } = request.query;
      const rows = await listConnections(ctx, actor.memberId, { limit, before: decodeCursor(request.query.cursor), q });
      const page = pageOf(rows, limit, (last) => encodeCursor({ at: last.created_at, id: last.id }));
      return {
        items: page.items.map((row) => ({ member: presentMemberSummary(row), connectedAt: row.created_at.toISOString() })),
        nextCursor: page.nextCursor,
      };
    },
  );

  api.delete(
    '/connections/:memberId',
    { schema: { tags, summary: 'Remove a connection; the other member is not told', params: memberIdParams, response: { 204: z.null(), 404: problemSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await removeConnection(ctx, actor.memberId, fromId(request.params.memberId));
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/connections/remove',
    {
      schema: {
        tags,
        summary: 'Remove several connections at once; the others are not told',
        description:
          'Up to 100 member ids per call. The connections among them end together, in one transaction. Ids that are not your connections (or no member) are listed in `notConnected` and change nothing.',
        body: z.strictObject({ memberIds: z.array(idSchema).min(1).max(100) }),
        response: { 200: z.object({ removed: z.array(idSchema), notConnected: z.array(idSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { removed, notConnected } = await removeConnections(ctx, actor.memberId, request.body.memberIds.map(fromId));
      return { removed: removed.map(toId), notConnected: notConnected.map(toId) };
    },
  );

  api.post(
    '/blocks',
    { schema: { tags, summary: 'Block a member: each becomes invisible to the other', body: z.strictObject({ memberId: idSchema }), response: { 204: z.null(), 404: problemSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await blockMember(ctx, actor.memberId, fromId(request.body.memberId));
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/blocks',
    { schema: { tags, summary: 'Members you blocked', response: { 200: z.object({ items: z.array(memberSummarySchema) }) } } },
    async (request) => {
      const actor = requireActor(request);
      return { items: (await listBlockedMembers(ctx, actor.memberId)).map(presentMemberSummary) };
    },
  );

  api.delete('/blocks/:memberId', { schema: { tags, summary: 'Unblock a member', params: memberIdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await unblockMember(ctx, actor.memberId, fromId(request.params.memberId));
    return reply.code(204).send(null);
  });
}
