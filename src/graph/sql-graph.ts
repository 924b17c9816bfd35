import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Degree } from './degree.js';
import { suggestionExclusionsSql } from './exclusions.js';

export type { Degree };

/**
 * Graph queries answered by PostgreSQL. They are the source of truth for rules on the send path
 * and the correctness oracle for any faster index. Connections are stored once per direction, so
 * "b is a connection of a" is the primary key lookup (a, b).
 */
export async function areConnected(db: Executor, a: number, b: number): Promise<boolean> {
  const row = await db.selectFrom('connections').select('member_id').where('member_id', '=', a).where('other_id', '=', b).executeTakeFirst();
  return row !== undefined;
}

/** Do a and b share at least one connection? */
export async function shareAConnection(db: Executor, a: number, b: number): Promise<boolean> {
  const result = await sql<{ found: number }>`
    select 1 as found from connections ca
    join connections cb on cb.member_id = ${b} and cb.other_id = ca.other_id
    where ca.member_id = ${a} limit 1`.execute(db);
  return result.rows.length > 0;
}

export async function degreeBetween(db: Executor, a: number, b: number): Promise<Degree> {
  if (a === b) return null;
  if (await areConnected(db, a, b)) return 1;
  if (await shareAConnection(db, a, b)) return 2;
  const third = await sql<{ found: number }>`
    select 1 as found from connections ca
    join connections cx on cx.member_id = ca.other_id
    join connections cb on cb.member_id = ${b} and cb.other_id = cx.other_id
    where ca.member_id = ${a} limit 1`.execute(db);
  return third.rows.length > 0 ? 3 : null;
}

export async function countMutualConnections(db: Executor, a: number, b: number): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from connections ca
    join connections cb on cb.member_id = ${b} and cb.other_id = ca.other_id
    where ca.member_id = ${a}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Mutual connection counts of many pairs, in one query: `counts[k]` is that of `pairs[k]`. */
export async function countMutualConnectionsOfPairs(db: Executor, pairs: readonly (readonly [number, number])[]): Promise<number[]> {
  if (pairs.length === 0) return [];
  const result = await sql<{ k: number; n: number }>`
    select p.k::int as k, (
      select count(*)::int from connections ca
      join connections cb on cb.member_id = p.b and cb.other_id = ca.other_id
      where ca.member_id = p.a) as n
    from unnest(${sql.val(pairs.map(([a]) => a))}::bigint[], ${sql.val(pairs.map(([, b]) => b))}::bigint[]) with ordinality as p(a, b, k)`.execute(db);
  const counts = new Array<number>(pairs.length).fill(0);
  for (const row of result.rows) counts[row.k - 1] = row.n;
  return counts;
}

/** Mutual connection counts between one viewer and many members, in one query. */
export async function countMutualConnectionsWith(db: Executor, viewer: number, others: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(others.map((id) => [id, 0]));
  if (others.length === 0) return counts;
  const result = await sql<{ other: number; n: number }>`
    select cb.member_id as other, count(*)::int as n from connections ca
    join connections cb on cb.other_id = ca.other_id
    where ca.member_id = ${viewer} and cb.member_id = any(${sql.val([...others])}::bigint[])
    group by cb.member_id`.execute(db);
  for (const row of result.rows) counts.set(Number(row.other), row.n);
  return counts;
}

/**
 * Mutual connections, most connected first (a well-connected mutual is the likelier introducer),
 * paginated by offset.
 */
export async function listMutualConnections(db: Executor, a: number, b: number, limit: number, offset: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select m.id from connections ca
    join connections cb on cb.member_id = ${b} and cb.other_id = ca.other_id
    join members m on m.id = ca.other_id
    where ca.member_id = ${a}
    order by m.connection_count desc, m.id
    limit ${limit} offset ${offset}`.execute(db);
  return result.rows.map((row) => Number(row.id));
}

/**
 * People you may know, in SQL: friends of friends ranked by mutual connections, then by how
 * connected they are, then by id — never the viewer, a connection, a company or an excluded member
 * (`suggestionExclusionsSql`). The oracle and the baseline of the in-memory index's `suggest`.
 */
export async function suggestPeople(db: Executor, viewer: number, limit: number, offset: number): Promise<{ id: number; mutualConnections: number }[]> {
  const result = await sql<{ id: number; n: number }>`
    select c2.other_id as id, count(*)::int as n
    from connections c1
    join connections c2 on c2.member_id = c1.other_id
    join members m on m.id = c2.other_id
    where c1.member_id = ${viewer} and c2.other_id <> ${viewer} and m.kind = 'person'
      and not exists (select 1 from connections c3 where c3.member_id = ${viewer} and c3.other_id = c2.other_id)
      and c2.other_id not in (${suggestionExclusionsSql(viewer)})
    group by c2.other_id, m.connection_count
    order by n desc, m.connection_count desc, c2.other_id
    limit ${limit} offset ${offset}`.execute(db);
  return result.rows.map((row) => ({ id: Number(row.id), mutualConnections: row.n }));
}
