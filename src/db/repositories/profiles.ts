import { sql } from 'kysely';
import { preparedAs, type Executor } from '../database.js';

export interface ProfileParts {
  positions: { id: number; company: string; title: string; start_year: number | null; end_year: number | null }[];
  education: { id: number; school: string; degree: string; start_year: number | null; end_year: number | null }[];
  groups: { id: number; name: string }[];
  skills: string[];
}

/** A `json` column: parsed by `pg`, a string from PGlite. */
export type Json<T> = T | string;
export const parsedJson = <T>(value: Json<T> | null): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

export interface ProfilePartsColumns {
  positions: Json<ProfileParts['positions']>;
  education: Json<ProfileParts['education']>;
  groups: Json<ProfileParts['groups']>;
  skills: Json<string[]>;
}

/**
 * Positions (current first), education, groups and skills of one member as four json columns of
 * one row, each part through the member's index (`positions_member`, `education_member`, the
 * primary keys).
 */
export function profilePartsColumns(memberId: number) {
  return sql<ProfilePartsColumns>`
      (select coalesce(json_agg(json_build_object('id', p.id, 'company', p.company, 'title', p.title, 'start_year', p.start_year, 'end_year', p.end_year)
                                order by coalesce(p.end_year, 9999) desc, p.start_year desc, p.id), '[]'::json)
         from positions p where p.member_id = ${memberId}) as positions,
      (select coalesce(json_agg(json_build_object('id', e.id, 'school', e.school, 'degree', e.degree, 'start_year', e.start_year, 'end_year', e.end_year)
                                order by e.end_year desc, e.id), '[]'::json)
         from education e where e.member_id = ${memberId}) as education,
      (select coalesce(json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name), '[]'::json)
         from group_memberships gm join groups g on g.id = gm.group_id where gm.member_id = ${memberId}) as groups,
      (select coalesce(json_agg(s.skill order by s.skill), '[]'::json)
         from member_skills s where s.member_id = ${memberId}) as skills`;
}

export function profilePartsFrom(row: ProfilePartsColumns): ProfileParts {
  return { positions: parsedJson(row.positions), education: parsedJson(row.education), groups: parsedJson(row.groups), skills: parsedJson(row.skills) };
}

/** A member's positions, education, groups and skills: one statement. */
export async function loadProfileParts(db: Executor, memberId: number): Promise<ProfileParts> {
  const { rows } = await sql<ProfilePartsColumns>`${sql.raw(preparedAs('profile-parts'))}
    select ${profilePartsColumns(memberId)}`.execute(db);
  return profilePartsFrom(rows[0]!);
}
