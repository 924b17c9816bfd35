import type { MemberSummary, Page } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export type Connection = { member: MemberSummary; connectedAt: string };

export function listConnections(q: string, cursor?: string | null): Promise<Page<Connection>> {
  return http.get<Page<Connection>>('/connections', { q, cursor, limit: 50 });
}

export const removeConnection = (memberId: string) => http.delete(`/connections/${memberId}`);
