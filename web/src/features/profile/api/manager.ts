import type { MemberSummary, OwnProfile, Page } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

/** Names a member as your manager, or nobody (`null`). */
export function setManager(managerId: string | null): Promise<{ member: OwnProfile }> {
  return http.patch<{ member: OwnProfile }>('/me', { managerId });
}

/** People whose name matches, your connections first, to pick a manager from. */
export async function findPeople(q: string): Promise<MemberSummary[]> {
  const page = await http.get<Page<MemberSummary>>('/members', { q, limit: 10 });
  return page.items.filter((member) => member.kind === 'person');
}

export async function loadManager(managerId: string): Promise<MemberSummary> {
  return (await http.get<{ member: MemberSummary }>(`/members/${managerId}`)).member;
}
