import type { AllotmentRequest, MemberSummary, Standing } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export type RestrictedMember = { member: MemberSummary; standing: Standing };
export type PendingRequest = AllotmentRequest & { member: MemberSummary };

export const listRestricted = () => http.get<{ items: RestrictedMember[] }>('/admin/restricted-members');
export const listRequests = () => http.get<{ items: PendingRequest[] }>('/admin/allotment-requests', { status: 'pending' });
export const loadPolicy = () => http.get<{ policy: Record<string, unknown> }>('/admin/policy');
export const liftRestriction = (memberId: string) => http.post(`/admin/members/${memberId}/lift-restriction`);
export const grant = (memberId: string, count: number) =>
  http.post<{ granted: number; remainingThisMonth: number }>(`/admin/members/${memberId}/grants`, { count });
export const denyRequest = (id: string) => http.post(`/admin/allotment-requests/${id}/deny`);
