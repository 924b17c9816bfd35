import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MemberRow } from '../../db/schema.js';
import type { Policy } from '../../domain/policy.js';
import { inmailCreditsFor } from '../../domain/messaging.js';
import { monthlyLimitFor } from '../../domain/quota.js';
import { findMembersAsAdmin } from '../../use-cases/find-members-as-admin.js';
import { setMemberTier } from '../../use-cases/set-member-tier.js';
import { requireAdmin } from '../auth.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idParams, problemSchema } from '../schemas/common.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

/** A member as an operator manages them: who they are, their address, role and tier, and what the tier gives. */
export const adminMemberSchema = memberSummarySchema.extend({
  email: z.string(),
  role: z.enum(['member', 'admin']),
  tier: z.enum(['free', 'premium']),
  monthlyLimit: z.number().int().describe('invitations a month the tier allows (`monthlyLimit` or `premiumMonthlyLimit`)'),
  inmailCreditsPerMonth: z.number().int().describe('InMail credits a month the tier gives (`inmailCreditsPerMonth`)'),
  eraseAfter: z.string().nullable().describe('set while the account is closing: when it is erased unless the member signs in before'),
});

function presentAdminMember(member: MemberRow, policy: Policy) {
  return {
    // Operators see who a closing account belongs to (members see "A former member").
    ...presentMemberSummary({ ...member, closing_at: null }),
    email: member.email,
    role: member.role,
    tier: member.tier,
    monthlyLimit: monthlyLimitFor(member.tier, policy),
    inmailCreditsPerMonth: inmailCreditsFor(member.tier, policy),
    eraseAfter: member.closing_at !== null && member.erase_after !== null ? member.erase_after.toISOString() : null,
  };
}

export function adminMemberRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['admin'];

  api.get(
    '/admin/members',
    {
      schema: {
        tags,
        summary: 'Find members by part of their name or email address (everyone, by name, without `q`), to manage them',
        querystring: z.strictObject({ q: z.string().trim().max(100).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) }),
        response: { 200: z.object({ items: z.array(adminMemberSchema) }), 403: problemSchema },
      },
    },
    async (request) => {
      requireAdmin(request);
      const rows = await findMembersAsAdmin(ctx, request.query.q, request.query.limit);
      return { items: rows.map((row) => presentAdminMember(row, ctx.policy)) };
    },
  );

  api.put(
    '/admin/members/:id/tier',
    {
      schema: {
        tags,
        summary: "Set a member's tier (free or premium): their monthly invitation limit and InMail credits follow it",
        params: idParams,
        body: z.strictObject({ tier: z.enum(['free', 'premium']) }),
        response: { 200: z.object({ member: adminMemberSchema }), 403: problemSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const admin = requireAdmin(request);
      const change = await setMemberTier(ctx, admin.memberId, fromId(request.params.id), request.body.tier);
      if (change.changed) {
        // Who granted what, when: operators read it from the log (the outbox event carries it too).
        request.log.info(
          { audit: 'member.tier_changed', memberId: change.member.id, from: change.previousTier, to: change.member.tier, by: admin.memberId, at: change.at.toISOString() },
          'member tier changed',
        );
      }
      return { member: presentAdminMember(change.member, ctx.policy) };
    },
  );
}
