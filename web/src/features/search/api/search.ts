import type { MemberSummary, Page, Relationship } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

/** `degree` is there once the server's search reports it (older servers leave it out). */
export type SearchResult = MemberSummary & { mutualConnections: number; degree?: 1 | 2 | 3 | null };

export function searchMembers(q: string, cursor?: string | null): Promise<Page<SearchResult>> {
  return http.get<Page<SearchResult>>('/members', { q, cursor, limit: 20 });
}

export function loadRelationship(id: string): Promise<{ relationship: Relationship }> {
  return http.get<{ relationship: Relationship }>(`/members/${id}`);
}
