import type { Invitation, InviteLink, InviteLinkPreview } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export const loadInviteLink = () => http.get<InviteLink>('/me/invite-link');
export const updateInviteLink = (input: { enabled?: boolean; autoAccept?: boolean }) => http.patch<InviteLink>('/me/invite-link', input);
export const rotateInviteLink = () => http.post<InviteLink>('/me/invite-link/rotate');

export const previewInviteLink = (token: string) => http.get<InviteLinkPreview>(`/invite-links/${encodeURIComponent(token)}`);

export function connectByInviteLink(token: string, note?: string): Promise<{ invitation: Invitation; connected: boolean }> {
  return http.post<{ invitation: Invitation; connected: boolean }>(`/invite-links/${encodeURIComponent(token)}/connect`, note?.trim() ? { note } : {});
}
