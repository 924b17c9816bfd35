import { sql } from 'kysely';
import type { ConnectingMember } from '../../domain/connection-rules.js';
import { preparedAs, type Executor, type Trx } from '../database.js';
import type { KeysetCursor } from '../keyset.js';
import type { MemberKind } from '../schema.js';
import { containsPattern } from './like-pattern.js';

/**
 * Locks both members' rows in id order (so that two accepts touching the same members cannot
 * deadlock) and reads what the connection rule needs: their kinds, their counts and whether they
 * are connected already. Answers fewer than two members when one is gone, or closing (an accept
 * that waited on a closing account's lock then finds it closed, and connects nobody).
 */
export async function lockConnectingMembers(trx: Trx, a: number, b: number): Promise<{ members: ConnectingMember[]; connected: boolean }> {
  const result = await sql<{ id: number; kind: MemberKind; connection_count: number; connected: boolean }>`${sql.raw(preparedAs('lock-connecting-members'))}
    select id, kind, connection_count,
      exists (select 1 from connections c where c.member_id = ${a} and c.other_id = ${b}) as connected
    from members where id in (${a}, ${b}) and closing_at is null order by id for no key update`.execute(trx);
  return {
    members: result.rows.map((row) => ({ id: Number(row.id), kind: row.kind, connectionCount: Number(row.connection_count) })),
    connected: result.rows[0]?.connected ?? false,
  };
}

/** Adds the two-way connection and counts it on both members, in one statement (rows locked by `lockConnectingMembers`). */
export async function insertConnection(trx: Trx, a: number, b: number, now: Date): Promise<void> {
  await sql`${sql.raw(preparedAs('insert-connection'))}
    with inserted as (
      insert into connections (member_id, other_id, created_at) values (${a}, ${b}, ${now}), (${b}, ${a}, ${now})
      on conflict (member_id, other_id) do nothing
      returning member_id)
    update members m set connection_count = m.connection_count + 1
    from inserted where m.id = inserted.member_id`.execute(trx);
}

/**
 * Connects two members without asking any rule: for seeding, tests and benchmarks that shape a
 * graph directly. The product connects members only through the one transition's accept.
 */
export async function connectUnchecked(trx: Trx, a: number, b: number, now: Date): Promise<'connected' | 'already'> {
  const { connected } = await lockConnectingMembers(trx, a, b);
  if (connected) return 'already';
  await insertConnection(trx, a, b, now);
  return 'connected';
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
    .select(['members.id', 'members.kind', 'members.name', 'members.headline', 'members.location', 'members.photo_key', 'connections.created_at'])
    .where('connections.member_id', '=', memberId)
    .orderBy('connections.created_at', 'desc')
    .orderBy('members.id', 'desc')
    .limit(limit + 1);
  if (q) query = query.where('members.name', 'ilike', containsPattern(q));
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('connections.created_at', '<', before.at), eb.and([eb('connections.created_at', '=', before.at), eb('members.id', '<', before.id)])]),
    );
  }
  return query.execute();
}

/** Which of `ids` are connected with `memberId`. */
export async function connectedAmong(db: Executor, memberId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('connections').select('other_id').where('member_id', '=', memberId).where('other_id', 'in', ids).execute();
  return new Set(rows.map((row) => row.other_id));
}

/** Up to `limit` of the member's connections as the export writes them, latest first, after the keyset position `after`. */
export async function listConnectionsForExport(db: Executor, memberId: number, limit: number, after: KeysetCursor | null) {
  let query = db
    .selectFrom('connections')
    .innerJoin('members', 'members.id', 'connections.other_id')
    .select(['members.id', 'members.name', 'members.headline', 'members.location', 'connections.created_at'])
    .where('connections.member_id', '=', memberId)
    .orderBy('connections.created_at', 'desc')
    .orderBy('members.id', 'desc')
    .limit(limit);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('connections.created_at', '<', after.at), eb.and([eb('connections.created_at', '=', after.at), eb('members.id', '<', after.id)])]),
    );
  }
  return query.execute();
}
