import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { grantAllotment, denyAllotmentRequest, liftRestrictionAsAdmin } from '../../use-cases/standing.js';
import { listAllotmentRequests, listRestrictedMembers } from '../../use-cases/review-standing.js';
import { viewStanding } from '../../use-cases/view-standing.js';
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
      return { standing: await viewStanding(ctx, memberId) };
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
      const rows = await listAllotmentRequests(ctx, request.query.status);
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
      const rows = await listRestrictedMembers(ctx);
      return { items: rows.map((row) => ({ member: presentMemberSummary(row.member), standing: row.standing })) };
    },
  );

  api.get('/admin/policy', { schema: { tags, summary: 'The policy in force' } }, async (request) => {
    requireAdmin(request);
    return { policy: ctx.policy };
  });

}
