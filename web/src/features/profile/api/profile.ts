import type { FollowRelationship, InCommon, Introduction, MemberProfile, MemberSummary, OwnProfile, Page, Relationship } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export type ProfileAnswer = { member: MemberProfile; relationship: Relationship; inCommon: InCommon };

export function loadMember(id: string): Promise<ProfileAnswer> {
  return http.get<ProfileAnswer>(`/members/${id}`);
}

export const followMember = (memberId: string) => http.post<{ relationship: FollowRelationship }>('/follows', { memberId });
export const unfollowMember = (memberId: string) => http.delete(`/follows/${memberId}`);

export function askForIntroduction(input: { introducerId: string; targetId: string; messageToIntroducer: string; messageToTarget: string }) {
  return http.post<{ introduction: Introduction }>('/introductions', input);
}

export function listMutualConnections(id: string): Promise<Page<MemberSummary>> {
  return http.get<Page<MemberSummary>>(`/members/${id}/mutual-connections`, { limit: 12 });
}

export const blockMember = (memberId: string) => http.post('/blocks', { memberId });
export const acceptInvitation = (id: string) => http.post(`/invitations/${id}/accept`);

export function updateProfile(input: { name?: string; headline?: string; location?: string }): Promise<{ member: OwnProfile }> {
  return http.patch<{ member: OwnProfile }>('/me', input);
}

export function addPosition(input: { company: string; title: string; startYear?: number | null; endYear?: number | null }) {
  return http.post<{ member: OwnProfile }>('/me/positions', input);
}

export function addEducation(input: { school: string; degree?: string }) {
  return http.post<{ member: OwnProfile }>('/me/education', input);
}

export function replaceSkills(skills: string[]) {
  return http.put<{ skills: string[] }>('/me/skills', { skills });
}
