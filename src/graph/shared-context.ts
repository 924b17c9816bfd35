import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { suggestionExclusionsSql } from './exclusions.js';

export interface SharedContext {
  companies: string[];
  schools: string[];
  groups: string[];
}

/** What a viewer has in common with each of `others` beyond connections: companies, schools, groups. */
export async function loadSharedContext(db: Executor, viewer: number, others: readonly number[]): Promise<Map<number, SharedContext>> {
  const shared = new Map<number, SharedContext>(others.map((id) => [id, { companies: [], schools: [], groups: [] }]));
  if (others.length === 0) return shared;
  const ids = sql.val([...others]);
  const [companies, schools, groups] = await Promise.all([
    sql<{ id: number; name: string }>`
      select distinct p2.member_id as id, p2.company as name from positions p1
      join positions p2 on lower(p2.company) = lower(p1.company)
      where p1.member_id = ${viewer} and p2.member_id = any(${ids}::bigint[]) order by 2`.execute(db),
    sql<{ id: number; name: string }>`
      select distinct e2.member_id as id, e2.school as name from education e1
      join education e2 on lower(e2.school) = lower(e1.school)
      where e1.member_id = ${viewer} and e2.member_id = any(${ids}::bigint[]) order by 2`.execute(db),
    sql<{ id: number; name: string }>`
      select distinct g2.member_id as id, g.name from group_memberships g1
      join group_memberships g2 on g2.group_id = g1.group_id
      join groups g on g.id = g1.group_id
      where g1.member_id = ${viewer} and g2.member_id = any(${ids}::bigint[]) order by 2`.execute(db),
  ]);
  for (const row of companies.rows) shared.get(Number(row.id))?.companies.push(row.name);
  for (const row of schools.rows) shared.get(Number(row.id))?.schools.push(row.name);
  for (const row of groups.rows) shared.get(Number(row.id))?.groups.push(row.name);
  return shared;
}

/**
 * Members who share a company, school or group with `viewer`, or whose address the viewer imported
 * among their contacts — and who could be suggested: people, not connected, not excluded
 * (`suggestionExclusionsSql`). At most `perKind` of each kind; contacts matched among the viewer's
 * 5,000 most recent. Each part reads through an index (`positions_company`, `education_school`,
 * `group_memberships_group`, `contacts_owner_created` and the members' unique address).
 */
export async function loadContextCandidates(db: Executor, viewer: number, perKind: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select distinct x.id from (
      (select p2.member_id as id from positions p1 join positions p2 on lower(p2.company) = lower(p1.company)
        where p1.member_id = ${viewer} and p2.member_id <> ${viewer} limit ${perKind})
      union all
      (select e2.member_id from education e1 join education e2 on lower(e2.school) = lower(e1.school)
        where e1.member_id = ${viewer} and e2.member_id <> ${viewer} limit ${perKind})
      union all
      (select g2.member_id from group_memberships g1 join group_memberships g2 on g2.group_id = g1.group_id
        where g1.member_id = ${viewer} and g2.member_id <> ${viewer} limit ${perKind})
      union all
      (select m.id from (select email from contacts where owner_id = ${viewer} order by created_at desc, id desc limit 5000) c
        join members m on m.email_normalized = lower(btrim(c.email))
        where m.email_verified_at is not null and m.id <> ${viewer} limit ${perKind})
    ) x
    join members m on m.id = x.id and m.kind = 'person'
    where not exists (select 1 from connections c where c.member_id = ${viewer} and c.other_id = x.id)
      and x.id not in (${suggestionExclusionsSql(viewer)})`.execute(db);
  return result.rows.map((row) => Number(row.id));
}
