import { sql } from 'kysely';
import { preparedAs, type Executor, type Trx } from '../database.js';

/**
 * Connects two members (both directions) and counts it on both, unless either is already at
 * `maxConnections`. Answers false when the cap refused it; true when connected (or already were).
 */
export async function connect(trx: Trx, a: number, b: number, now: Date, maxConnections: number): Promise<'connected' | 'already' | 'at_cap'> {
  const inserted = await trx
    .insertInto('connections')
    .values([
      { member_id: a, other_id: b, created_at: now },
      { member_id: b, other_id: a, created_at: now },
    ])
    .onConflict((oc) => oc.columns(['member_id', 'other_id']).doNothing())
    .returning('member_id')
    .execute();
  if (inserted.length === 0) return 'already';
  // Lock both rows in id order (so that two accepts touching the same members cannot deadlock),
  // then count the connection on both: one statement, the locking part materialised first.
  const counted = await sql<{ id: number }>`${sql.raw(preparedAs('count-connection'))}
    with locked as materialized (select id from members where id in (${a}, ${b}) order by id for no key update)
    update members m set connection_count = m.connection_count + 1
    from locked where m.id = locked.id and m.connection_count < ${maxConnections}
    returning m.id`.execute(trx);
  return counted.rows.length === 2 ? 'connected' : 'at_cap';
}

export async function disconnect(trx: Trx, a: number, b: number): Promise<boolean> {
  const deleted = await trx
    .deleteFrom('connections')
    .where((eb) =>
      eb.or([
        eb.and([eb('member_id', '=', a), eb('other_id', '=', b)]),
        eb.and([eb('member_id', '=', b), eb('other_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) return false;
  await trx
    .updateTable('members')
    .set((eb) => ({ connection_count: eb('connection_count', '-', 1) }))
    .where('id', 'in', [a, b])
    .execute();
  return true;
}

export async function listConnections(db: Executor, memberId: number, limit: number, before: { at: Date; id: number } | null, q?: string) {
  let query = db
    .selectFrom('connections')
    .innerJoin('members', 'members.id', 'connections.other_id')
    .select(['members.id', 'members.kind', 'members.name', 'members.headline', 'members.location', 'connections.created_at'])
    .where('connections.member_id', '=', memberId)
    .orderBy('connections.created_at', 'desc')
    .orderBy('members.id', 'desc')
    .limit(limit + 1);
  if (q) query = query.where('members.name', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('connections.created_at', '<', before.at), eb.and([eb('connections.created_at', '=', before.at), eb('members.id', '<', before.id)])]),
    );
  }
  return query.execute();
}
