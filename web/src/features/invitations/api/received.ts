import type { Invitation, InvitationMessage, Page, ReceivedInvitation } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';
import { refreshUnreadCount } from '../../notifications/components/unread.js';

export function listReceived(query: { q?: string; cursor?: string | null }): Promise<Page<ReceivedInvitation>> {
  return http.get<Page<ReceivedInvitation>>('/invitations/received', { status: 'pending', q: query.q, cursor: query.cursor, limit: 20 });
}

/** An answer marks the invitation's notification read on the server: the bell's count follows at once. */
async function answered<T>(call: Promise<T>): Promise<T> {
  const result = await call;
  void refreshUnreadCount().catch(() => undefined);
  return result;
}

export const acceptInvitation = (id: string) => answered(http.post(`/invitations/${id}/accept`));
export const ignoreInvitation = (id: string) => answered(http.post(`/invitations/${id}/ignore`));
export const declineInvitation = (id: string) => answered(http.post(`/invitations/${id}/decline`));
export const reportInvitation = (id: string, reason: 'dont_know' | 'spam') => answered(http.post(`/invitations/${id}/report`, { reason }));

export function replyToInvitation(id: string, message: string): Promise<{ message: InvitationMessage }> {
  return answered(http.post<{ message: InvitationMessage }>(`/invitations/${id}/reply`, { message }));
}

/** The thread, and whether the signed-in member may write on it now (the server decides). */
export type Thread = { items: InvitationMessage[]; canWrite: boolean; cannotWrite: 'closed' | 'wait_for_recipient' | null };

export function listMessages(id: string): Promise<Thread> {
  return http.get<Thread>(`/invitations/${id}/messages`);
}

export type BulkResult = { results: Array<{ id: string; ok: boolean; code?: string }> };

export function answerMany(action: 'accept' | 'ignore', ids: string[]): Promise<BulkResult> {
  return answered(http.post<BulkResult>('/invitations/received/bulk', { action, ids }));
}

export function getInvitation(id: string): Promise<{ invitation: Invitation }> {
  return http.get<{ invitation: Invitation }>(`/invitations/${id}`);
}
