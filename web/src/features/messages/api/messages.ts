import type { Conversation, DirectMessage, MemberProfile, Relationship } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export const listConversations = () => http.get<{ items: Conversation[] }>('/conversations');

export function readConversation(memberId: string, cursor?: string | null): Promise<{ items: DirectMessage[]; nextCursor: string | null }> {
  return http.get<{ items: DirectMessage[]; nextCursor: string | null }>(`/conversations/${memberId}/messages`, { cursor, limit: 30 });
}

export const sendMessage = (recipientId: string, body: string) => http.post<{ message: DirectMessage }>('/messages', { recipientId, body });

/** The other member, for the thread's header and whether writing is free. */
export const loadMember = (id: string) => http.get<{ member: MemberProfile; relationship: Relationship }>(`/members/${id}`);
