import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decideMemberReport, type MemberReportReason, type MemberReportSource } from '../domain/member-report.js';
import { findMemberReport, insertMemberReport } from '../db/repositories/member-reports.js';
import { inTransaction } from '../db/transaction.js';
import { blockMember } from './connections.js';
import { reviewSenderStanding } from './restrict-sender.js';
import { findVisibleMember } from './view-member.js';

export interface MemberReportInput {
  reason: MemberReportReason;
  source: MemberReportSource;
  /** Block the member too (the existing block: hides each from the other, ends a connection). */
  block: boolean;
}

/**
 * A member reports another from a profile or a conversation. Admins see it in their queue; it
 * counts toward the reported member's standing only with `memberReportsCountTowardStanding`, and
 * then reviews it as an invitation report would. Reporting the same member again changes nothing.
 */
export async function reportMember(ctx: AppContext, reporterId: number, memberId: number, input: MemberReportInput) {
  const decision = decideMemberReport(reporterId, memberId);
  if (!decision.ok) throw new DomainError(decision.code, 'You cannot report yourself.');
  let report = await findMemberReport(ctx.db, reporterId, memberId);
  if (!report) {
    await findVisibleMember(ctx, reporterId, memberId);
    await inTransaction(ctx.db, async (trx) => {
      const now = ctx.clock.now();
      const created = await insertMemberReport(trx, { reporterId, memberId, reason: input.reason, source: input.source }, now);
      if (created && ctx.policy.memberReportsCountTowardStanding) await reviewSenderStanding(trx, ctx, memberId, now);
    });
    report = (await findMemberReport(ctx.db, reporterId, memberId))!;
  }
  if (input.block) await blockMember(ctx, reporterId, memberId);
  return report;
}
