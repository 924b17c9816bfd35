import type { Page, SentInvitation, Settings } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

/** Sent invitations, newest first; `q` keeps those whose recipient's name or invited address contains it. */
export function listSent(q: string, cursor?: string | null): Promise<Page<SentInvitation>> {
  return http.get<Page<SentInvitation>>('/invitations/sent', { q: q.trim() || undefined, cursor, limit: 50 });
}

/** `reinviteAfter`: when the sender may invite the same person again. */
export const withdrawInvitation = (id: string) => http.post<{ reinviteAfter: string }>(`/invitations/${id}/withdraw`);
export const resendInvitation = (id: string) => http.post(`/invitations/${id}/resend`);
export const hideInvitation = (id: string) => http.delete(`/invitations/${id}`);

export function withdrawOlderThan(olderThanDays: number): Promise<{ withdrawn: number; reinviteAfter: string | null }> {
  return http.post<{ withdrawn: number; reinviteAfter: string | null }>('/invitations/sent/withdraw-older', { olderThanDays });
}

export function setAutoWithdraw(autoWithdrawAfterDays: number | null): Promise<{ settings: Settings }> {
  return http.patch<{ settings: Settings }>('/me/settings', { autoWithdrawAfterDays });
}
