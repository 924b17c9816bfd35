import { sql, type RawBuilder } from 'kysely';
import { OPEN_STATUSES } from '../../domain/invitation-state.js';
import { preparedAs, type Executor, type Trx } from '../database.js';
import type { InvitationRow, InvitationStatus } from '../schema.js';
import { blockedEitherWay } from './blocks.js';

/**
 * A status set as an SQL list literal, `('accepted', 'declined')`: the same text every time, so a
 * prepared statement that contains it keeps one plan. The sets themselves live in the domain.
 */
export function statusListSql(statuses: readonly InvitationStatus[]): RawBuilder<unknown> {
  return sql.raw(`(${statuses.map((status) => `'${status}'`).join(', ')})`);
}

export async function findInvitation(db: Executor, id: number): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An invitation's status and recipient with its sender's name and headline (a mail link's confirmation page). */
export async function findInvitationWithSender(db: Executor, id: number) {
  return db
    .selectFrom('invitations')
    .innerJoin('members', 'members.id', 'invitations.sender_id')
    .select(['invitations.status', 'invitations.recipient_id', 'members.name', 'members.headline'])
    .where('invitations.id', '=', id)
    .executeTakeFirst();
}

export async function lockInvitation(trx: Trx, id: number): Promise<InvitationRow | undefined> {
  return trx.selectFrom('invitations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Locks the invitations among `ids` that no other transaction holds (batch work skips the rest). */
export async function lockInvitationsSkippingLocked(trx: Trx, ids: readonly number[]): Promise<InvitationRow[]> {
  if (ids.length === 0) return [];
  return trx.selectFrom('invitations').selectAll().where('id', 'in', [...ids]).orderBy('id').forUpdate().skipLocked().execute();
}

/** Serialises every decision about one pair of members (crossing invitations, pending uniqueness). */
export async function lockPair(trx: Trx, a: number, b: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${pairLockKeys(a, b)})`.execute(trx);
}

/**
 * The two int4 keys of a pair's advisory lock. Ids are bigint; an id beyond int4 folds into it
 * (a collision only serialises two pairs more than needed), so a client's id never fails the cast,
 * and the keys of every id below 2^31 stay what they always were.
 */
function pairLockKeys(a: number, b: number) {
  return sql`(${Math.min(a, b)}::bigint % 2147483648)::int, (${Math.max(a, b)}::bigint % 2147483648)::int`;
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
    select id, ${blockedEitherWay(actorId, memberId)} as blocked
    from members
    where id = ${memberId} and pg_advisory_xact_lock(${pairLockKeys(actorId, memberId)}) is not null`;
}

/** The open invitation between two members, either way (at most one, by the pair index). */
export async function findOpenInvitationBetween(db: Executor, a: number, b: number): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('status', 'in', [...OPEN_STATUSES])
    .where((eb) =>
      eb.or([
        eb.and([eb('sender_id', '=', a), eb('recipient_id', '=', b)]),
        eb.and([eb('sender_id', '=', b), eb('recipient_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
}

/** Open invitations left unanswered since `cutoff`, oldest first. */
export async function findExpiringInvitations(db: Executor, cutoff: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('invitations')
    .select('id')
    .where('status', 'in', [...OPEN_STATUSES])
    .where('created_at', '<=', cutoff)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Open invitations older than their sender's `autoWithdrawAfterDays` setting, oldest first. With
 * `unviewedOnly` (the policy forbids withdrawing a viewed invitation) the viewed ones are left out
 * here, so that they cannot fill every batch; the transition decides each one all the same.
 */
export async function findAutoWithdrawable(db: Executor, now: Date, limit: number, unviewedOnly: boolean): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select i.id from invitations i
    join member_settings s on s.member_id = i.sender_id and s.auto_withdraw_after_days is not null
    where i.status in ${statusListSql(OPEN_STATUSES)}
      and i.created_at <= ${now}::timestamptz - make_interval(days => s.auto_withdraw_after_days)
      ${unviewedOnly ? sql`and i.viewed_at is null` : sql``}
    order by i.created_at limit ${limit}`.execute(db);
  return result.rows.map((row) => Number(row.id));
}

/** The pending invitations parked on an address, waiting for its owner to prove it (not the owner's own, not dropped). */
export async function findParkedOnAddress(db: Executor, normalizedEmail: string, ownerId: number): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('recipient_id', 'is', null)
    .where('recipient_email_normalized', '=', normalizedEmail)
    .where('status', '=', 'pending')
    .where('dropped_at', 'is', null)
    .where('sender_id', '!=', ownerId)
    .orderBy('id')
    .execute();
}

/** Gives a parked invitation its recipient, now that the address is proven theirs. */
export async function addressParkedInvitation(trx: Trx, id: number, recipientId: number): Promise<InvitationRow | undefined> {
  return trx
    .updateTable('invitations')
    .set({ recipient_id: recipientId })
    .where('id', '=', id)
    .where('recipient_id', 'is', null)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** Marks a parked invitation as dropped by the rules: it will reach nobody. */
export async function dropParkedInvitation(trx: Trx, id: number, now: Date): Promise<void> {
  await trx.updateTable('invitations').set({ dropped_at: now }).where('id', '=', id).where('recipient_id', 'is', null).execute();
}

/** A resend: the invitation is sent again now, and counted among its resends. */
export async function markResent(trx: Trx, id: number, now: Date): Promise<InvitationRow> {
  return trx
    .updateTable('invitations')
    .set((eb) => ({ last_sent_at: now, resend_count: eb('resend_count', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The sender tidies a finished invitation out of their sent list. */
export async function hideFromSender(trx: Trx, id: number): Promise<void> {
  await trx.updateTable('invitations').set({ sender_hidden: true }).where('id', '=', id).execute();
}

/** The sender's open invitations sent before `cutoff`. */
export async function findOpenSentBefore(db: Executor, senderId: number, cutoff: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('invitations')
    .select('id')
    .where('sender_id', '=', senderId)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('created_at', '<', cutoff)
    .execute();
  return rows.map((row) => row.id);
}
