import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { liftOwnRestriction, listOwnAllotmentRequests, requestAllotment } from '../../use-cases/standing.js';
import { viewStanding } from '../../use-cases/view-standing.js';
import { requireActor } from '../auth.js';
import { decodeCursor, encodeCursor, pageOf } from '../cursor.js';
import { listOf, listQuery, problemSchema, singleLine, toId } from '../schemas/common.js';
import { standingSchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export const allotmentRequestSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'granted', 'denied']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  grantedCount: z.number().int().nullable().describe('invitations the grant added (null while pending, when denied, or when not recorded)'),
});

export function presentAllotmentRequest(row: {
  id: number;
  member_id: number;
  reason: string;
  status: 'pending' | 'granted' | 'denied';
  created_at: Date;
  decided_at: Date | null;
  granted_count: number | null;
}) {
  return {
    id: toId(row.id),
    memberId: toId(row.member_id),
    reason: row.reason,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    grantedCount: row.granted_count,
  };
}

export function standingRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['standing'];

  api.get(
    '/me/standing',
    { schema: { tags, summary: 'Your report count, whether you are restricted, and what lifts it', response: { 200: z.object({ standing: standingSchema }) } } },
    async (request) => ({ standing: await viewStanding(ctx, requireActor(request).memberId) }),
  );

  api.post(
    '/me/standing/lift',
    {
      schema: {
        tags,
        summary: 'Lift your first restriction by agreeing to invite only people you know',
        body: z.strictObject({ agree: z.literal(true, 'you must agree to invite only people you know') }),
        response: { 200: z.object({ standing: standingSchema }), 409: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await liftOwnRestriction(ctx, actor.memberId);
      return { standing: await viewStanding(ctx, actor.memberId) };
    },
  );

  api.post(
    '/me/allotment-requests',
    {
      schema: {
        tags,
        summary: 'Ask an administrator for more invitations',
        body: z.strictObject({ reason: singleLine(1000).pipe(z.string().min(1, 'is required')) }),
        response: { 201: z.object({ request: allotmentRequestSchema }), 409: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await requestAllotment(ctx, actor.memberId, request.body.reason);
      return reply.code(201).send({ request: presentAllotmentRequest(row) });
    },
  );

  api.get(
    '/me/allotment-requests',
    {
      schema: {
        tags,
        summary: 'Your requests for more invitations, newest first: pending, granted (with how many) or denied, and when decided',
        querystring: listQuery,
        response: { 200: listOf(allotmentRequestSchema) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit } = request.query;
      const rows = await listOwnAllotmentRequests(ctx, actor.memberId, { limit: limit + 1, before: decodeCursor(request.query.cursor) });
      const page = pageOf(rows, limit, (last) => encodeCursor({ at: last.created_at, id: last.id }));
      return { items: page.items.map(presentAllotmentRequest), nextCursor: page.nextCursor };
    },
  );
}
