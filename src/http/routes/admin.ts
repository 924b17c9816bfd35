import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { grantAllotment, denyAllotmentRequest, liftRestrictionAsAdmin } from '../../use-cases/standing.js';
import { loadStanding } from '../../use-cases/view-own-account.js';
import { findMemberById } from '../../db/repositories/members.js';
import { requireAdmin } from '../auth.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idParams, problemSchema } from '../schemas/common.js';
import { memberSummarySchema, standingSchema } from '../schemas/members.js';
import { allotmentRequestSchema, presentAllotmentRequest } from './standing.js';
import { typed, type RouteDeps } from './deps.js';

export function adminRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['admin'];

  api.post(
    '/admin/members/:id/lift-restriction',
    { schema: { tags, summary: 'Lift any restriction', params: idParams, response: { 200: z.object({ standing: standingSchema }), 403: problemSchema, 404: problemSchema, 409: problemSchema } } },
    async (request) => {
      const admin = requireAdmin(request);
      const memberId = fromId(request.params.id);
      await liftRestrictionAsAdmin(ctx, admin.memberId, memberId);
      return { standing: await loadStanding(ctx.db, ctx, (await findMemberById(ctx.db, memberId))!) };
    },
  );

  api.post(
    '/admin/members/:id/grants',
    {
      schema: {
        tags,
        summary: "Add invitations to a member's lifetime allotment",
        params: idParams,
        body: z.strictObject({ count: z.number().int().min(1).max(100_000) }),
        response: { 200: z.object({ granted: z.number().int(), remainingThisMonth: z.number().int() }), 403: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request) => {
      const admin = requireAdmin(request);
      return grantAllotment(ctx, admin.memberId, fromId(request.params.id), request.body.count);
    },
  );

  api.get(
    '/admin/allotment-requests',
    {
      schema: {
        tags,
        summary: 'Allotment requests, oldest pending first',
        querystring: z.strictObject({ status: z.enum(['pending', 'granted', 'denied']).default('pending') }),
        response: { 200: z.object({ items: z.array(allotmentRequestSchema.extend({ member: memberSummarySchema })) }) },
      },
    },
    async (request) => {
      requireAdmin(request);
      const rows = await ctx.db
        .selectFrom('allotment_requests')
        .innerJoin('members', 'members.id', 'allotment_requests.member_id')
        .select(['allotment_requests.id', 'allotment_requests.member_id', 'allotment_requests.reason', 'allotment_requests.status', 'allotment_requests.created_at', 'allotment_requests.decided_at'])
        .select(['members.kind', 'members.name', 'members.headline', 'members.location'])
        .where('allotment_requests.status', '=', request.query.status)
        .orderBy('allotment_requests.created_at')
        .limit(200)
        .execute();
      return { items: rows.map((row) => ({ ...presentAllotmentRequest(row), member: presentMemberSummary({ ...row, id: row.member_id }) })) };
    },
  );

  api.post('/admin/allotment-requests/:id/deny', { schema: { tags, summary: 'Deny an allotment request', params: idParams } }, async (request, reply) => {
    const admin = requireAdmin(request);
    await denyAllotmentRequest(ctx, admin.memberId, fromId(request.params.id));
    return reply.code(204).send();
  });

  api.get(
    '/admin/restricted-members',
    { schema: { tags, summary: 'Members restricted now', response: { 200: z.object({ items: z.array(z.object({ member: memberSummarySchema, standing: standingSchema })) }) } } },
    async (request) => {
      requireAdmin(request);
      const now = ctx.clock.now();
      const rows = await ctx.db
        .selectFrom('members')
        .selectAll()
        .where('restricted_at', 'is not', null)
        .where((eb) => eb.or([eb('restriction_ends_at', 'is', null), eb('restriction_ends_at', '>', now)]))
        .orderBy('restricted_at', 'desc')
        .limit(200)
        .execute();
      return { items: await Promise.all(rows.map(async (row) => ({ member: presentMemberSummary(row), standing: await loadStanding(ctx.db, ctx, row) }))) };
    },
  );

  api.get('/admin/policy', { schema: { tags, summary: 'The policy in force' } }, async (request) => {
    requireAdmin(request);
    return { policy: ctx.policy };
  });

}
