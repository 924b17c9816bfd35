import type { MemberSummary } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export type MemberReportReason = 'dont_know' | 'spam' | 'fake_profile' | 'harassment';
export type MemberReportSource = 'profile' | 'conversation';

export interface MemberReport {
  id: string;
  memberId: string;
  reason: MemberReportReason;
  source: MemberReportSource;
  createdAt: string;
}

export type QueuedMemberReport = MemberReport & { member: MemberSummary; reporter: MemberSummary; memberReportCount: number };

export function reportMember(memberId: string, input: { reason: MemberReportReason; source: MemberReportSource; block: boolean }) {
  return http.post<{ report: MemberReport; blocked: boolean }>(`/members/${memberId}/report`, input);
}

export const listMemberReports = () => http.get<{ items: QueuedMemberReport[] }>('/admin/reports');
