import type { Page } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';
import type { PersonInGraph } from '../../../ui/person-card.js';

export interface GroupListing {
  id: string;
  name: string;
  memberCount: number;
  joined: boolean;
}

export interface GroupAnswer {
  group: GroupListing;
  members: Page<PersonInGraph>;
}

export function findGroups(q: string, cursor?: string | null): Promise<Page<GroupListing>> {
  return http.get<Page<GroupListing>>('/groups', { q, cursor, limit: 20 });
}

export function loadGroup(id: string, cursor?: string | null): Promise<GroupAnswer> {
  return http.get<GroupAnswer>(`/groups/${id}`, { cursor, limit: 20 });
}

export function joinGroup(id: string): Promise<{ group: GroupListing }> {
  return http.post<{ group: GroupListing }>(`/me/groups/${id}`);
}

export function leaveGroup(id: string): Promise<void> {
  return http.delete(`/me/groups/${id}`);
}

/** Starts a group by joining it under a new name (the API creates it). */
export function startGroup(name: string): Promise<{ group: { id: string; name: string } }> {
  return http.post<{ group: { id: string; name: string } }>('/me/groups', { name });
}
