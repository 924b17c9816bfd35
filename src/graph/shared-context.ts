import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

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

/** Why a member is suggested, most telling first: "12 mutual connections", "Also worked at Acme"… */
export function suggestionReasons(mutualConnections: number, shared: SharedContext | undefined): string[] {
  const reasons: string[] = [];
  if (mutualConnections > 0) reasons.push(`${mutualConnections} mutual connection${mutualConnections === 1 ? '' : 's'}`);
  const company = shared?.companies[0];
  if (company) reasons.push(`Also worked at ${company}`);
  const school = shared?.schools[0];
  if (school) reasons.push(`Also studied at ${school}`);
  const group = shared?.groups[0];
  if (group) reasons.push(`Also a member of ${group}`);
  return reasons;
}
