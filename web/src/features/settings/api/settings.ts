import type { MemberSummary, Settings } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export function updateSettings(input: Partial<Settings>): Promise<{ settings: Settings }> {
  return http.patch<{ settings: Settings }>('/me/settings', input);
}

export function listBlocks(): Promise<{ items: MemberSummary[] }> {
  return http.get<{ items: MemberSummary[] }>('/blocks');
}

export const unblockMember = (memberId: string) => http.delete(`/blocks/${memberId}`);

export const loadFollowPrimary = () => http.get<{ enabled: boolean }>('/me/follow-primary');
export const saveFollowPrimary = (enabled: boolean) => http.put<{ enabled: boolean }>('/me/follow-primary', { enabled });
