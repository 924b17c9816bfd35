import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { statusForSender } from '../../domain/sender-view.js';
import { findMembersByIds } from '../../db/repositories/members.js';
import { countMutualConnectionsWith, listMutualConnections } from '../../graph/sql-graph.js';
import { findVisibleMember, viewMember } from '../../use-cases/view-member.js';
import { requireActor } from '../auth.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../cursor.js';
import { presentMemberProfile, presentMemberSummary } from '../presenters/members.js';
import { fromId, idParams, listOf, listQuery, problemSchema, toId } from '../schemas/common.js';
import { memberProfileSchema, memberSummarySchema, relationshipSchema, searchQuery } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export function memberRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['members'];

  api.get(
    '/members/:id',
    {
      schema: {
        tags,
        summary: 'A profile, with your degree, mutual connections, the invitation between you and whether you may invite',
        params: idParams,
        response: { 200: z.object({ member: memberProfileSchema, relationship: relationshipSchema }), 404: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { member, parts, relationship } = await viewMember(ctx, actor.memberId, fromId(request.params.id));
      const invitation = relationship.invitation;
      return {
        member: presentMemberProfile(member, parts),
        relationship: {
          ...relationship,
          invitation: invitation
            ? {
                id: toId(invitation.invitation.id),
                direction: invitation.direction,
                status: invitation.direction === 'sent' ? statusForSender(invitation.invitation.status) : invitation.invitation.status,
              }
            : null,
        },
      };
    },
  );

  api.get(
    '/members/:id/mutual-connections',
    { schema: { tags, summary: 'Connections you share with a member, best connected first', params: idParams, querystring: listQuery, response: { 200: listOf(memberSummarySchema) } } },
    async (request) => {
      const actor = requireActor(request);
      const member = await findVisibleMember(ctx, actor.memberId, fromId(request.params.id));
      const offset = decodeOffsetCursor(request.query.cursor);
      const ids = await listMutualConnections(ctx.db, actor.memberId, member.id, request.query.limit + 1, offset);
      const page = ids.slice(0, request.query.limit);
      const members = new Map((await findMembersByIds(ctx.db, page)).map((m) => [m.id, m]));
      return {
        items: page.flatMap((id) => (members.has(id) ? [presentMemberSummary(members.get(id)!)] : [])),
        nextCursor: ids.length > request.query.limit ? encodeOffsetCursor(offset + request.query.limit) : null,
      };
    },
  );

  api.get(
    '/members',
    {
      schema: {
        tags,
        summary: 'Search people by name, headline, company, title or school',
        querystring: searchQuery,
        response: { 200: listOf(memberSummarySchema.extend({ mutualConnections: z.number().int() })) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { q, limit } = request.query;
      const offset = decodeOffsetCursor(request.query.cursor);
      let query = ctx.db
        .selectFrom('members')
        .selectAll()
        .where('id', '!=', actor.memberId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('blocks')
                .select('blocker_id')
                .where((eb) =>
                  eb.or([
                    eb.and([eb('blocker_id', '=', actor.memberId), eb('blocked_id', '=', eb.ref('members.id'))]),
                    eb.and([eb('blocked_id', '=', actor.memberId), eb('blocker_id', '=', eb.ref('members.id'))]),
                  ]),
                ),
            ),
          ),
        )
        .limit(limit + 1)
        .offset(offset);
      if (q) {
        const needle = q.toLowerCase();
        const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query
          .where(sql<boolean>`search_text like ${pattern}`)
          .orderBy(sql`similarity(lower(name), ${needle})`, 'desc')
          .orderBy('connection_count', 'desc');
      } else {
        query = query.orderBy('connection_count', 'desc');
      }
      const rows = await query.orderBy('id').execute();
      const page = rows.slice(0, limit);
      const mutuals = await countMutualConnectionsWith(ctx.db, actor.memberId, page.map((m) => m.id));
      return {
        items: page.map((m) => ({ ...presentMemberSummary(m), mutualConnections: mutuals.get(m.id) ?? 0 })),
        nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null,
      };
    },
  );
}
