import type { FastifyInstance } from 'fastify';
import { listCompanyPeople } from '../../use-cases/company-people.js';
import { requireActor } from '../auth.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../cursor.js';
import { presentPersonInGraph } from '../presenters/people.js';
import { fromId, idParams, listOf, listQuery, problemSchema } from '../schemas/common.js';
import { personInGraphSchema } from '../schemas/groups.js';
import { typed, type RouteDeps } from './deps.js';

export function companyPeopleRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);

  api.get(
    '/members/:id/people',
    {
      schema: {
        tags: ['members'],
        summary: "A company page's people: members whose current position (no end year) names the company, best connected first",
        description: 'Each with your degree and mutual connections, as search shows them. A person\'s page has no people (an empty list). `404` for a member you cannot see.',
        params: idParams,
        querystring: listQuery,
        response: { 200: listOf(personInGraphSchema), 404: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit, cursor } = request.query;
      const offset = decodeOffsetCursor(cursor);
      const found = await listCompanyPeople(ctx, actor.memberId, fromId(request.params.id), { limit, offset });
      return { items: found.people.map(presentPersonInGraph), nextCursor: found.hasMore ? encodeOffsetCursor(offset + limit) : null };
    },
  );
}
