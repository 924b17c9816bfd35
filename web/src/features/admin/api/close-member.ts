import { http } from '../../../ui/http.js';

export interface MemberClosing {
  memberId: string;
  closingAt: string;
  eraseAfter: string;
  graceDays: number;
}

/** Closes a member's account for them (they asked by other means): the same closure as their own. */
export const closeMemberAccount = (memberId: string) => http.post<{ closing: MemberClosing }>(`/admin/members/${memberId}/close`);
