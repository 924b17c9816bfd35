import type { Executor } from '../database.js';

export interface ProfileParts {
  positions: { id: number; company: string; title: string; start_year: number | null; end_year: number | null }[];
  education: { id: number; school: string; degree: string; start_year: number | null; end_year: number | null }[];
  groups: { id: number; name: string }[];
  skills: string[];
}

/** Positions (current first), education, groups and skills of one member. */
export async function loadProfileParts(db: Executor, memberId: number): Promise<ProfileParts> {
  const [positions, education, groups, skills] = await Promise.all([
    db
      .selectFrom('positions')
      .select(['id', 'company', 'title', 'start_year', 'end_year'])
      .where('member_id', '=', memberId)
      .orderBy((eb) => eb.fn.coalesce('end_year', eb.lit(9999)), 'desc')
      .orderBy('start_year', 'desc')
      .execute(),
    db
      .selectFrom('education')
      .select(['id', 'school', 'degree', 'start_year', 'end_year'])
      .where('member_id', '=', memberId)
      .orderBy('end_year', 'desc')
      .execute(),
    db
      .selectFrom('group_memberships')
      .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
      .select(['groups.id', 'groups.name'])
      .where('group_memberships.member_id', '=', memberId)
      .orderBy('groups.name')
      .execute(),
    db.selectFrom('member_skills').select('skill').where('member_id', '=', memberId).orderBy('skill').execute(),
  ]);
  return { positions, education, groups, skills: skills.map((row) => row.skill) };
}
