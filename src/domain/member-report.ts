import type { ReportReason } from './invitation.js';

/**
 * Why a member reports another outside an invitation: the invitation reasons ("I don't know
 * them", spam) plus what a profile or a conversation can show.
 */
export const MEMBER_REPORT_REASONS = ['dont_know', 'spam', 'fake_profile', 'harassment'] as const satisfies readonly (ReportReason | string)[];
export type MemberReportReason = (typeof MEMBER_REPORT_REASONS)[number];

/** Where the report was made. */
export const MEMBER_REPORT_SOURCES = ['profile', 'conversation'] as const;
export type MemberReportSource = (typeof MEMBER_REPORT_SOURCES)[number];

export type MemberReportDecision = { ok: true } | { ok: false; code: 'cannot_report_self' };

/** A member may report anyone they can see but themselves. */
export function decideMemberReport(reporterId: number, memberId: number): MemberReportDecision {
  return reporterId === memberId ? { ok: false, code: 'cannot_report_self' } : { ok: true };
}
