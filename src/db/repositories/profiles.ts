import { sql, type Insertable } from 'kysely';
import { preparedAs, type Executor, type Trx } from '../database.js';
import type { EducationTable, MemberUpdate, PositionsTable } from '../schema.js';

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

/** The columns of a member's own profile that `PATCH /me` may change. */
export type ProfileFields = Pick<MemberUpdate, 'name' | 'headline' | 'location' | 'manager_id'>;

export async function updateProfileFields(db: Executor, memberId: number, values: ProfileFields): Promise<void> {
  await db.updateTable('members').set(values).where('id', '=', memberId).execute();
}

export async function insertPosition(db: Executor, position: Insertable<PositionsTable>): Promise<number> {
  return (await db.insertInto('positions').values(position).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertEducation(db: Executor, education: Insertable<EducationTable>): Promise<number> {
  return (await db.insertInto('education').values(education).returning('id').executeTakeFirstOrThrow()).id;
}

/** Deletes one of the member's own positions or schools; false when they have no such entry. */
export async function deleteProfileEntry(db: Executor, memberId: number, table: 'positions' | 'education', id: number): Promise<boolean> {
  const deleted = await db.deleteFrom(table).where('id', '=', id).where('member_id', '=', memberId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** Replaces the member's skills with `skills` (already distinct): in the caller's transaction, so no reader sees them half replaced. */
export async function replaceMemberSkills(trx: Trx, memberId: number, skills: readonly string[]): Promise<void> {
  await trx.deleteFrom('member_skills').where('member_id', '=', memberId).execute();
  if (skills.length > 0) await trx.insertInto('member_skills').values(skills.map((skill) => ({ member_id: memberId, skill }))).execute();
}

/** Adds the member to the group of this name, creating the group when it is new; answers the group. */
export async function joinGroupByName(trx: Trx, memberId: number, name: string): Promise<{ id: number; name: string }> {
  await trx.insertInto('groups').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const group = await trx.selectFrom('groups').select(['id', 'name']).where('name', '=', name).executeTakeFirstOrThrow();
  await trx
    .insertInto('group_memberships')
    .values({ group_id: group.id, member_id: memberId })
    .onConflict((oc) => oc.columns(['member_id', 'group_id']).doNothing())
    .execute();
  return group;
}

/** Takes the member out of a group; false when they were not in it. */
export async function deleteGroupMembership(db: Executor, memberId: number, groupId: number): Promise<boolean> {
  const deleted = await db.deleteFrom('group_memberships').where('member_id', '=', memberId).where('group_id', '=', groupId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}
