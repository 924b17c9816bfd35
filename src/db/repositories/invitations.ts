import { sql } from 'kysely';
import type { PastInvitation } from '../../domain/reinvite.js';
import { preparedAs, type Executor, type Trx } from '../database.js';
import type { InvitationRow, InvitationStatus } from '../schema.js';

export async function findInvitation(db: Executor, id: number): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockInvitation(trx: Trx, id: number): Promise<InvitationRow | undefined> {
  return trx.selectFrom('invitations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Serialises every decision about one pair of members (crossing invitations, pending uniqueness). */
export async function lockPair(trx: Trx, a: number, b: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${Math.min(a, b)}::int, ${Math.max(a, b)}::int)`.execute(trx);
}

/**
 * `lockPair`, taken only when `memberId` names an existing member, with whether either blocked the
 * other: the lookup, the block check and the lock in one round trip, so that an unknown member and
 * one behind a block cost the same before the answer (no enumeration by timing).
 */
export async function lockPairWithMember(trx: Trx, actorId: number, memberId: number): Promise<'missing' | 'blocked' | 'locked'> {
  const result = await lockPairWithMemberQuery(actorId, memberId).execute(trx);
  const row = result.rows[0];
  return !row ? 'missing' : row.blocked ? 'blocked' : 'locked';
}

/** The statement of `lockPairWithMember` (the benchmark's plain-`pg` floor runs the same SQL). */
export function lockPairWithMemberQuery(actorId: number, memberId: number) {
  // The lock is in the filter, evaluated only for the row the primary key finds.
  return sql<{ id: number; blocked: boolean }>`${sql.raw(preparedAs('lock-pair-with-member'))}
    select id, exists (select 1 from blocks b
                       where (b.blocker_id = ${actorId} and b.blocked_id = ${memberId})
                          or (b.blocker_id = ${memberId} and b.blocked_id = ${actorId})) as blocked
    from members
    where id = ${memberId} and pg_advisory_xact_lock(${Math.min(actorId, memberId)}::int, ${Math.max(actorId, memberId)}::int) is not null`;
}

/** The open (pending or silently ignored) invitation between two members, either way. */
export async function findOpenInvitationBetween(db: Executor, a: number, b: number): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('status', 'in', ['pending', 'ignored'])
    .where((eb) =>
      eb.or([
        eb.and([eb('sender_id', '=', a), eb('recipient_id', '=', b)]),
        eb.and([eb('sender_id', '=', b), eb('recipient_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
}

export async function loadHistory(db: Executor, senderId: number, recipientId: number): Promise<PastInvitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .select(['status', 'responded_at', 'ignored_at'])
    .where('sender_id', '=', senderId)
    .where('recipient_id', '=', recipientId)
    .where('status', 'not in', ['pending'])
    .execute();
  return rows.map((row) => ({ status: row.status, respondedAt: row.responded_at, ignoredAt: row.ignored_at }));
}

/**
 * Moves an invitation from one of `from` to `to` only if it is still in one of them: the
 * conditional update is what makes a doubled accept or an accept racing a withdraw exact.
 */
export async function transitionInvitation(
  trx: Trx,
  id: number,
  from: readonly InvitationStatus[],
  to: InvitationStatus,
  now: Date,
  extra: { ignored_at?: Date; report_reason?: 'dont_know' | 'spam' } = {},
  only: { recipientId?: number } = {},
): Promise<InvitationRow | undefined> {
  let update = trx
    .updateTable('invitations')
    .set({ status: to, responded_at: now, ...extra })
    .where('id', '=', id)
    .where('status', 'in', [...from]);
  if (only.recipientId !== undefined) update = update.where('recipient_id', '=', only.recipientId);
  return update.returningAll().executeTakeFirst();
}
