import { sql } from 'kysely';
import { sharedPlaces, type SharedPlace } from '../domain/in-common.js';

export interface InCommon {
  companies: SharedPlace[];
  schools: SharedPlace[];
  groups: { id: number; name: string }[];
  skills: string[];
}

export interface InCommonRow {
  kind: 'company' | 'school' | 'group' | 'skill';
  name: string;
  group_id: string | number | null;
  viewer_from: number | null;
  viewer_to: number | null;
  member_from: number | null;
  member_to: number | null;
}

export const NOTHING_IN_COMMON: InCommon = { companies: [], schools: [], groups: [], skills: [] };

/**
 * The rows of what a viewer shares with a member besides connections: companies and schools (with
 * both sides' years), groups and skills. Each part is matched through an index on the member's
 * side (`positions_member`, `education_member`, the primary keys).
 */
export function inCommonRows(viewerId: number, memberId: number) {
  return sql<InCommonRow>`
    select 'company' as kind, m.company as name, null::bigint as group_id,
           v.start_year as viewer_from, v.end_year as viewer_to, m.start_year as member_from, m.end_year as member_to
    from positions m join positions v on v.member_id = ${viewerId} and lower(v.company) = lower(m.company)
    where m.member_id = ${memberId}
    union all
    select 'school', m.school, null, v.start_year, v.end_year, m.start_year, m.end_year
    from education m join education v on v.member_id = ${viewerId} and lower(v.school) = lower(m.school)
    where m.member_id = ${memberId}
    union all
    select 'group', g.name, g.id, null, null, null, null
    from group_memberships m
    join group_memberships v on v.member_id = ${viewerId} and v.group_id = m.group_id
    join groups g on g.id = m.group_id
    where m.member_id = ${memberId}
    union all
    select 'skill', m.skill, null, null, null, null, null
    from member_skills m join member_skills v on v.member_id = ${viewerId} and lower(v.skill) = lower(m.skill)
    where m.member_id = ${memberId}`;
}

/** What the two share, from `inCommonRows`: places with the years they overlapped, groups and skills. */
export function inCommonFrom(rows: readonly InCommonRow[], currentYear: number): InCommon {
  const places = (kind: InCommonRow['kind']) =>
    sharedPlaces(
      rows.filter((row) => row.kind === kind).map((row) => ({
        name: row.name,
        viewer: { from: row.viewer_from, to: row.viewer_to },
        member: { from: row.member_from, to: row.member_to },
      })),
      currentYear,
    );
  const groups = new Map<number, string>();
  const skills = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === 'group') groups.set(Number(row.group_id), row.name);
    if (row.kind === 'skill') skills.set(row.name.toLowerCase(), row.name);
  }
  return {
    companies: places('company'),
    schools: places('school'),
    groups: [...groups].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    skills: [...skills.values()].sort((a, b) => a.localeCompare(b)),
  };
}
