import type { ProfileParts } from '../../db/repositories/profiles.js';
import type { MemberRow } from '../../db/schema.js';
import { initialsOf } from '../../domain/member.js';
import { toId } from '../schemas/common.js';
import type { MemberProfile, MemberSummary } from '../schemas/members.js';

type SummaryFields = Pick<MemberRow, 'id' | 'kind' | 'name' | 'headline' | 'location' | 'photo_key'> & { closing_at?: Date | null };

/** How a closed account reads where others still see its traces (messages, finished invitations, introductions). */
export const FORMER_MEMBER_NAME = 'A former member';

/** Where a photo is served (400×400; `?size=96` for the small one): the key changes with the photo. */
export function photoUrlOf(key: string | null | undefined): string | null {
  return key ? `/api/v1/photos/${key}.webp` : null;
}

export function presentMemberSummary(member: SummaryFields): MemberSummary {
  if (member.closing_at) {
    return { id: toId(member.id), kind: member.kind, name: FORMER_MEMBER_NAME, headline: '', location: '', initials: '', photoUrl: null };
  }
  return {
    id: toId(member.id),
    kind: member.kind,
    name: member.name,
    headline: member.headline,
    location: member.location,
    initials: initialsOf(member.name),
    photoUrl: photoUrlOf(member.photo_key),
  };
}

export function presentMemberProfile(member: MemberRow, parts: ProfileParts): MemberProfile {
  return {
    ...presentMemberSummary(member),
    positions: parts.positions.map((p) => ({ id: toId(p.id), company: p.company, title: p.title, startYear: p.start_year, endYear: p.end_year })),
    education: parts.education.map((e) => ({ id: toId(e.id), school: e.school, degree: e.degree, startYear: e.start_year, endYear: e.end_year })),
    groups: parts.groups.map((g) => ({ id: toId(g.id), name: g.name })),
    skills: parts.skills,
    managerId: member.manager_id === null ? null : toId(member.manager_id),
    createdAt: member.created_at.toISOString(),
  };
}

export function presentOwnProfile(member: MemberRow, parts: ProfileParts) {
  return { ...presentMemberProfile(member, parts), email: member.email, emailVerified: member.email_verified_at !== null, role: member.role, tier: member.tier };
}
