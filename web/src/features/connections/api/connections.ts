import type { MemberSummary, Page } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export type Connection = { member: MemberSummary; connectedAt: string };

export function listConnections(q: string, cursor?: string | null): Promise<Page<Connection>> {
  return http.get<Page<Connection>>('/connections', { q, cursor, limit: 50 });
}

export const removeConnection = (memberId: string) => http.delete(`/connections/${memberId}`);

/** Removes several connections in one call (up to 100); answers which were removed and which ids were not connections. */
export function removeConnections(memberIds: string[]): Promise<{ removed: string[]; notConnected: string[] }> {
  return http.post<{ removed: string[]; notConnected: string[] }>('/connections/remove', { memberIds });
}
