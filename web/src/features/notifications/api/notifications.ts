import type { NotificationPage } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export function listNotifications(query: { limit?: number; cursor?: string | null; unread?: boolean } = {}): Promise<NotificationPage> {
  return http.get<NotificationPage>('/notifications', {
    limit: query.limit ?? 20,
    cursor: query.cursor,
    unread: query.unread ? 'true' : undefined,
  });
}

export const markNotificationRead = (id: string) => http.post<void>(`/notifications/${id}/read`);
export const markAllNotificationsRead = () => http.post<{ marked: number }>('/notifications/read-all');

/** Answers an invitation from its notification, by the same calls as the invitations page. */
export const answerInvitation = (invitationId: string, answer: 'accept' | 'ignore') => http.post<unknown>(`/invitations/${invitationId}/${answer}`);
