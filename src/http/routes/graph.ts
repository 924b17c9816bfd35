import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dismissSuggestion } from '../../use-cases/dismiss-suggestion.js';
import { SUGGESTION_POOL, suggestPeople } from '../../use-cases/suggest-people.js';
import { requireActor } from '../auth.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../cursor.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idSchema, listOf, listQuery, problemSchema } from '../schemas/common.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

const suggestionSchema = z.object({
  member: memberSummarySchema,
  mutualConnections: z.number().int(),
  degree: z
    .union([z.literal(2), z.literal(3)])
    .nullable()
    .describe('mostly 2 (friends of friends); a colleague, classmate or imported contact may be farther'),
  reasons: z.array(z.string()).describe('why, most telling first: "In your contacts", "12 mutual connections", "Also worked at Acme"…'),
});

export function graphRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['graph'];

  api.get(
    '/suggestions',
    {
      schema: {
        tags,
        summary: 'People you may know: friends of friends, colleagues, classmates, group members and imported contacts, ranked by the policy\'s suggestionWeights',
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
      if (offset >= SUGGESTION_POOL) return { items: [], nextCursor: null };
      const found = await suggestPeople(ctx, actor.memberId, limit, offset);
      return {
        items: found.items.map((suggestion) => ({
          member: presentMemberSummary(suggestion.member),
          mutualConnections: suggestion.mutualConnections,
          degree: suggestion.degree,
          reasons: suggestion.reasons,
        })),
        nextCursor: found.hasMore && offset + limit < SUGGESTION_POOL ? encodeOffsetCursor(offset + limit) : null,
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
      await dismissSuggestion(ctx, actor.memberId, fromId(request.params.memberId));
      return reply.code(204).send(null);
    },
  );
}
