import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { findMembersByIds } from '../../db/repositories/members.js';
import { dismissSuggestion } from '../../graph/exclusions.js';
import { graphReader } from '../../graph/graph-reads.js';
import { loadSharedContext, suggestionReasons } from '../../graph/shared-context.js';
import { findVisibleMember } from '../../use-cases/view-member.js';
import { requireActor } from '../auth.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../cursor.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idSchema, listOf, listQuery, problemSchema } from '../schemas/common.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

const suggestionSchema = z.object({
  member: memberSummarySchema,
  mutualConnections: z.number().int(),
  degree: z.literal(2).describe('suggestions are friends of friends'),
  reasons: z.array(z.string()).describe('why, most telling first: "12 mutual connections", "Also worked at Acme"…'),
});

/** Deeper pages than this are not served: nobody scrolls a thousand suggestions. */
const MAX_SUGGESTION_OFFSET = 1000;

export function graphRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['graph'];

  api.get(
    '/suggestions',
    {
      schema: {
        tags,
        summary: 'People you may know: friends of friends, most mutual connections first',
        description:
          'Never lists you, your connections, companies, members blocked either way, members with an open, declined or reported invitation between you, or members you dismissed.',
        querystring: listQuery,
        response: { 200: listOf(suggestionSchema) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit } = request.query;
      const offset = decodeOffsetCursor(request.query.cursor);
      if (offset > MAX_SUGGESTION_OFFSET) return { items: [], nextCursor: null };
      const graph = await graphReader(ctx);
      const found = await graph.suggest(actor.memberId, limit + 1, offset);
      const page = found.slice(0, limit);
      const ids = page.map((s) => s.id);
      const [members, shared] = await Promise.all([findMembersByIds(ctx.db, ids), loadSharedContext(ctx.db, actor.memberId, ids)]);
      const byId = new Map(members.map((m) => [m.id, m]));
      return {
        items: page.flatMap((suggestion) => {
          const member = byId.get(suggestion.id);
          if (!member || member.kind !== 'person') return [];
          return [
            {
              member: presentMemberSummary(member),
              mutualConnections: suggestion.mutualConnections,
              degree: 2 as const,
              reasons: suggestionReasons(suggestion.mutualConnections, shared.get(suggestion.id)),
            },
          ];
        }),
        nextCursor: found.length > limit && offset + limit <= MAX_SUGGESTION_OFFSET ? encodeOffsetCursor(offset + limit) : null,
      };
    },
  );

  api.post(
    '/suggestions/:memberId/dismiss',
    {
      schema: {
        tags,
        summary: 'Not interested: stop suggesting this member',
        params: z.strictObject({ memberId: idSchema }),
        response: { 204: z.null(), 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const memberId = fromId(request.params.memberId);
      if (memberId === actor.memberId) throw new DomainError('validation_failed', 'memberId: you are never suggested to yourself.');
      await findVisibleMember(ctx, actor.memberId, memberId);
      await dismissSuggestion(ctx.db, actor.memberId, memberId, ctx.clock.now());
      return reply.code(204).send(null);
    },
  );
}
