import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findGroupsByName, joinGroupById, viewGroup } from '../../use-cases/groups.js';
import { requireActor } from '../auth.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../cursor.js';
import { presentGroupListing, presentPersonInGraph } from '../presenters/people.js';
import { fromId, idParams, listOf, listQuery, problemSchema } from '../schemas/common.js';
import { groupListingSchema, personInGraphSchema } from '../schemas/groups.js';
import { searchQuery } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export function groupRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['groups'];

  api.get(
    '/groups',
    {
      schema: {
        tags,
        summary: 'Find groups by name (all when q is empty), largest first, with their member count and whether you are in each',
        querystring: searchQuery,
        response: { 200: listOf(groupListingSchema), 422: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { q, limit, cursor } = request.query;
      const offset = decodeOffsetCursor(cursor);
      const found = await findGroupsByName(ctx, actor.memberId, q ?? '', { limit, offset });
      return { items: found.groups.map(presentGroupListing), nextCursor: found.hasMore ? encodeOffsetCursor(offset + limit) : null };
    },
  );

  api.get(
    '/groups/:id',
    {
      schema: {
        tags,
        summary: 'A group and a page of its members (best connected first), each with your degree and mutual connections',
        description: 'Members blocked either way are left out of the list (memberCount still counts everyone). `?limit&cursor` page the members.',
        params: idParams,
        querystring: listQuery,
        response: { 200: z.object({ group: groupListingSchema, members: listOf(personInGraphSchema) }), 404: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit, cursor } = request.query;
      const offset = decodeOffsetCursor(cursor);
      const found = await viewGroup(ctx, actor.memberId, fromId(request.params.id), { limit, offset });
      return {
        group: presentGroupListing(found.group),
        members: { items: found.members.map(presentPersonInGraph), nextCursor: found.hasMore ? encodeOffsetCursor(offset + limit) : null },
      };
    },
  );

  api.post(
    '/me/groups/:id',
    {
      schema: {
        tags,
        summary: 'Join a group by its id (joining again changes nothing); DELETE /me/groups/{id} leaves it',
        params: idParams,
        response: { 200: z.object({ group: groupListingSchema }), 404: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { group: presentGroupListing(await joinGroupById(ctx, actor.memberId, fromId(request.params.id))) };
    },
  );
}
