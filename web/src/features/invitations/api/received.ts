import type { Invitation, InvitationMessage, Page, ReceivedInvitation } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export function listReceived(query: { q?: string; cursor?: string | null }): Promise<Page<ReceivedInvitation>> {
  return http.get<Page<ReceivedInvitation>>('/invitations/received', { status: 'pending', q: query.q, cursor: query.cursor, limit: 20 });
}

export const acceptInvitation = (id: string) => http.post(`/invitations/${id}/accept`);
export const ignoreInvitation = (id: string) => http.post(`/invitations/${id}/ignore`);
export const declineInvitation = (id: string) => http.post(`/invitations/${id}/decline`);
export const reportInvitation = (id: string, reason: 'dont_know' | 'spam') => http.post(`/invitations/${id}/report`, { reason });

export function replyToInvitation(id: string, message: string): Promise<{ message: InvitationMessage }> {
  return http.post<{ message: InvitationMessage }>(`/invitations/${id}/reply`, { message });
}

/** The thread, and whether the signed-in member may write on it now (the server decides). */
export type Thread = { items: InvitationMessage[]; canWrite: boolean; cannotWrite: 'closed' | 'wait_for_recipient' | null };

export function listMessages(id: string): Promise<Thread> {
  return http.get<Thread>(`/invitations/${id}/messages`);
}

export type BulkResult = { results: Array<{ id: string; ok: boolean; code?: string }> };

export function answerMany(action: 'accept' | 'ignore', ids: string[]): Promise<BulkResult> {
  return http.post<BulkResult>('/invitations/received/bulk', { action, ids });
}

export function getInvitation(id: string): Promise<{ invitation: Invitation }> {
  return http.get<{ invitation: Invitation }>(`/invitations/${id}`);
}
