import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MEMBER_REPORT_REASONS, MEMBER_REPORT_SOURCES } from '../../domain/member-report.js';
import { reportMember } from '../../use-cases/report-member.js';
import { listMemberReports } from '../../use-cases/review-member-reports.js';
import { requireActor, requireAdmin } from '../auth.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idParams, problemSchema, toId } from '../schemas/common.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

const memberReportSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  reason: z.enum(MEMBER_REPORT_REASONS),
  source: z.enum(MEMBER_REPORT_SOURCES),
  createdAt: z.string(),
});

function presentMemberReport(row: { id: number; member_id: number; reason: (typeof MEMBER_REPORT_REASONS)[number]; source: (typeof MEMBER_REPORT_SOURCES)[number]; created_at: Date }) {
  return { id: toId(row.id), memberId: toId(row.member_id), reason: row.reason, source: row.source, createdAt: row.created_at.toISOString() };
}

export function memberReportRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);

  api.post(
    '/members/:id/report',
    {
      schema: {
        tags: ['members'],
        summary: 'Report a member from their profile or a conversation; administrators review it. Reporting again changes nothing',
        params: idParams,
        body: z.strictObject({
          reason: z.enum(MEMBER_REPORT_REASONS),
          source: z.enum(MEMBER_REPORT_SOURCES).default('profile'),
          block: z.boolean().default(false).describe('block the member at the same time'),
        }),
        response: { 201: z.object({ report: memberReportSchema, blocked: z.boolean() }), 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { reason, source, block } = request.body;
      const report = await reportMember(ctx, actor.memberId, fromId(request.params.id), { reason, source, block });
      return reply.code(201).send({ report: presentMemberReport(report), blocked: block });
    },
  );

  api.get(
    '/admin/reports',
    {
      schema: {
        tags: ['admin'],
        summary: 'Reports of members made outside invitations, newest first (200 at most)',
        response: {
          200: z.object({
            items: z.array(
              memberReportSchema.extend({
                member: memberSummarySchema,
                reporter: memberSummarySchema,
                memberReportCount: z.number().int().describe('every report of this member outside invitations'),
              }),
            ),
          }),
          403: problemSchema,
        },
      },
    },
    async (request) => {
      requireAdmin(request);
      const rows = await listMemberReports(ctx);
      return {
        items: rows.map((row) => ({
          ...presentMemberReport({ ...row, member_id: row.member.id }),
          member: presentMemberSummary(row.member),
          reporter: presentMemberSummary(row.reporter),
          memberReportCount: row.memberReportCount,
        })),
      };
    },
  );
}
