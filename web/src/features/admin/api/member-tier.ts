import type { z } from 'zod';
import type { adminMemberSchema } from '../../../../../src/http/routes/admin-members.js';
import { http } from '../../../ui/http.js';

/** A member as an operator manages them: address, role, tier and what the tier gives. */
export type AdminMember = z.infer<typeof adminMemberSchema>;
export type Tier = AdminMember['tier'];

export const findMembers = (q: string) => http.get<{ items: AdminMember[] }>('/admin/members', { q });
export const setMemberTier = (memberId: string, tier: Tier) => http.put<{ member: AdminMember }>(`/admin/members/${memberId}/tier`, { tier });
