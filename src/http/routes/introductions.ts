import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadIntroductionParties } from '../../use-cases/introduction-parties.js';
import { connectThroughIntroduction, decideIntroduction, findIntroductionFor, listIntroductions, requestIntroduction, type Introduction } from '../../use-cases/introductions.js';
import { requireActor } from '../auth.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idParams, idSchema, problemSchema, toId } from '../schemas/common.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export const introductionSchema = z.object({
  id: idSchema,
  requester: memberSummarySchema,
  introducer: memberSummarySchema,
  target: memberSummarySchema,
  role: z.enum(['requester', 'introducer', 'target']),
  messageToIntroducer: z.string().nullable().describe('shown to the requester and the introducer'),
  messageToTarget: z.string(),
  introducerNote: z.string().nullable(),
  status: z.enum(['requested', 'forwarded', 'declined', 'connected']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export function introductionRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['introductions'];

  async function present(rows: Introduction[], viewerId: number) {
    const members = new Map((await loadIntroductionParties(ctx, rows)).map((m) => [m.id, presentMemberSummary(m)]));
    return rows.map((row) => {
      const role = row.requester_id === viewerId ? 'requester' : row.introducer_id === viewerId ? 'introducer' : 'target';
      return {
        id: toId(row.id),
        requester: members.get(row.requester_id)!,
        introducer: members.get(row.introducer_id)!,
        target: members.get(row.target_id)!,
        role,
        messageToIntroducer: role === 'target' ? null : row.message_to_introducer,
        messageToTarget: row.message_to_target,
        introducerNote: row.introducer_note,
        // A declined request never existed for the target; the requester learns it was declined.
        status: row.status,
        createdAt: row.created_at.toISOString(),
        decidedAt: row.decided_at?.toISOString() ?? null,
      } as const;
    });
  }

  api.post(
    '/introductions',
    {
      schema: {
        tags,
        summary: 'Ask a connection to introduce you to one of their connections',
        body: z.strictObject({ introducerId: idSchema, targetId: idSchema, messageToIntroducer: z.string().max(5000), messageToTarget: z.string().max(5000) }),
        response: { 201: z.object({ introduction: introductionSchema }), 403: problemSchema, 404: problemSchema, 409: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await requestIntroduction(ctx, actor.memberId, {
        introducerId: fromId(request.body.introducerId),
        targetId: fromId(request.body.targetId),
        messageToIntroducer: request.body.messageToIntroducer,
        messageToTarget: request.body.messageToTarget,
      });
      return reply.code(201).send({ introduction: (await present([row], actor.memberId))[0]! });
    },
  );

  api.get(
    '/introductions',
    {
      schema: {
        tags,
        summary: 'Introductions you asked for, were asked to make, or received',
        querystring: z.strictObject({ role: z.enum(['requester', 'introducer', 'target']).default('requester') }),
        response: { 200: z.object({ items: z.array(introductionSchema) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { items: await present(await listIntroductions(ctx, actor.memberId, request.query.role), actor.memberId) };
    },
  );

  api.get('/introductions/:id', { schema: { tags, summary: 'One introduction', params: idParams, response: { 200: z.object({ introduction: introductionSchema }), 404: problemSchema } } }, async (request) => {
    const actor = requireActor(request);
    const { introduction } = await findIntroductionFor(ctx, actor.memberId, fromId(request.params.id));
    return { introduction: (await present([introduction], actor.memberId))[0]! };
  });

  api.post(
    '/introductions/:id/forward',
    { schema: { tags, summary: 'As the introducer: pass the request on, with a note of your own', params: idParams, body: z.strictObject({ note: z.string().max(5000).optional() }), response: { 200: z.object({ introduction: introductionSchema }), 404: problemSchema, 409: problemSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await decideIntroduction(ctx, actor.memberId, fromId(request.params.id), 'forward', request.body.note);
      return { introduction: (await present([row], actor.memberId))[0]! };
    },
  );

  api.post(
    '/introductions/:id/decline',
    { schema: { tags, summary: 'As the introducer: decline; the member you would introduce is never told', params: idParams, response: { 200: z.object({ introduction: introductionSchema }), 404: problemSchema, 409: problemSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await decideIntroduction(ctx, actor.memberId, fromId(request.params.id), 'decline');
      return { introduction: (await present([row], actor.memberId))[0]! };
    },
  );

  api.post(
    '/introductions/:id/connect',
    { schema: { tags, summary: 'As the member introduced to: connect with the requester in one step', params: idParams, response: { 200: z.object({ introduction: introductionSchema }), 404: problemSchema, 409: problemSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await connectThroughIntroduction(ctx, actor.memberId, fromId(request.params.id));
      return { introduction: (await present([row], actor.memberId))[0]! };
    },
  );
}
