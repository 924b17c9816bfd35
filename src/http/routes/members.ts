import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { statusForSender } from '../../domain/sender-view.js';
import { listMutualConnections } from '../../use-cases/list-mutual-connections.js';
import { searchMembers } from '../../use-cases/search-members.js';
import { viewMember } from '../../use-cases/view-member.js';
import { requireActor, viewerOf } from '../auth.js';
import { decodeOffsetCursor, encodeOffsetCursor, pageOf } from '../cursor.js';
import { presentMemberProfile, presentMemberSummary } from '../presenters/members.js';
import { fromId, idParams, listOf, listQuery, problemSchema, singleLine, toId } from '../schemas/common.js';
import { inCommonSchema, memberProfileSchema, memberSummarySchema, relationshipSchema, searchQuery } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export function memberRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['members'];

  api.get(
    '/members/:id',
    {
      schema: {
        tags,
        summary: 'A profile, with your degree, mutual connections, the invitation between you, whether you may invite or follow, and what you have in common',
        params: idParams,
        response: { 200: z.object({ member: memberProfileSchema, relationship: relationshipSchema, inCommon: inCommonSchema }), 404: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { member, parts, relationship, inCommon } = await viewMember(ctx, viewerOf(actor), fromId(request.params.id));
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
        inCommon: {
          mutualConnections: relationship.mutualConnections,
          companies: inCommon.companies,
          schools: inCommon.schools,
          groups: inCommon.groups.map((group) => ({ id: toId(group.id), name: group.name })),
          skills: inCommon.skills,
        },
      };
    },
  );

  api.get(
    '/members/:id/mutual-connections',
    { schema: { tags, summary: 'Connections you share with a member, best connected first', params: idParams, querystring: listQuery, response: { 200: listOf(memberSummarySchema) } } },
    async (request) => {
      const actor = requireActor(request);
      const { limit } = request.query;
      const { ids, offset, members } = await listMutualConnections(ctx, actor.memberId, fromId(request.params.id), { limit, offset: () => decodeOffsetCursor(request.query.cursor) });
      const page = pageOf(ids, limit, () => encodeOffsetCursor(offset + limit));
      return {
        items: page.items.flatMap((id) => (members.has(id) ? [presentMemberSummary(members.get(id)!)] : [])),
        nextCursor: page.nextCursor,
      };
    },
  );

  api.get(
    '/members',
    {
      schema: {
        tags,
        summary: 'Search people by name, headline, company, title or school; filter by company, title, school, location, group, skill and degree',
        querystring: memberSearchQuery,
        response: {
          200: listOf(
            memberSummarySchema.extend({
              mutualConnections: z.number().int(),
              degree: relationshipSchema.shape.degree,
            }),
          ),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit, cursor, degree, ...filters } = request.query;
      const offset = decodeOffsetCursor(cursor);
      const wanted = degree ? new Set(degree.split(',').map(Number)) : null;
      const found = await searchMembers(ctx, actor.memberId, { ...filters, limit, offset, degrees: wanted });
      return {
        items: found.members.map((m) => ({ ...presentMemberSummary(m), mutualConnections: found.mutualConnections.get(m.id) ?? 0, degree: found.degrees.get(m.id) ?? null })),
        nextCursor: found.nextOffset === null ? null : encodeOffsetCursor(found.nextOffset),
      };
    },
  );
}

const filterText = (what: string) => singleLine(120).pipe(z.string().min(1, 'must not be empty')).optional().describe(`${what} contains this (case-insensitive)`);

const memberSearchQuery = searchQuery.extend({
  company: filterText('a company they work or worked at'),
  title: filterText('a title they hold or held'),
  school: filterText('a school they attended'),
  location: filterText('their location'),
  skill: filterText('one of their skills'),
  group: singleLine(120).pipe(z.string().min(1, 'must not be empty')).optional().describe('a group they belong to: its id, or text its name contains'),
  degree: z
    .string()
    .regex(/^[123](,[123]){0,2}$/, 'must be 1, 2, 3 or a comma-separated list of them')
    .optional()
    .describe('degree of connection with you: "1", "2", "3" or a list such as "1,2"'),
});
