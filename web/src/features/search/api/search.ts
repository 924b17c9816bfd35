import type { MemberSummary, Page, Relationship } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export type SearchResult = MemberSummary & { mutualConnections: number };

export function searchMembers(q: string, cursor?: string | null): Promise<Page<SearchResult>> {
  return http.get<Page<SearchResult>>('/members', { q, cursor, limit: 20 });
}

export function loadRelationship(id: string): Promise<{ relationship: Relationship }> {
  return http.get<{ relationship: Relationship }>(`/members/${id}`);
}
