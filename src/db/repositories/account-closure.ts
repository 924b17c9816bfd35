import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { RememberedStanding } from '../../domain/account-closure.js';
import { OPEN_STATUSES } from '../../domain/invitation-state.js';
import { normalizeEmail } from '../../domain/member.js';
import type { Executor, Trx } from '../database.js';
import type { IntroductionRow } from './introductions.js';
import { statusListSql } from './invitations.js';

/* The rows closing an account touches: its mark, what it leaves behind, its erasure, its address's standing. */

/** The keyed hash an address's remembered standing is kept under: the table holds no address. */
export function closedStandingHash(secret: string, email: string): string {
  return createHmac('sha256', `${secret}:closed-standing`).update(normalizeEmail(email)).digest('base64url');
}

export async function markAccountClosing(trx: Trx, memberId: number, closingAt: Date, eraseAfter: Date): Promise<void> {
  await trx.updateTable('members').set({ closing_at: closingAt, erase_after: eraseAfter }).where('id', '=', memberId).execute();
}

/** Reopens a closing account (a sign-in during the grace period). Answers whether it was closing. */
export async function reopenAccount(db: Executor, memberId: number): Promise<boolean> {
  const result = await db.updateTable('members').set({ closing_at: null, erase_after: null }).where('id', '=', memberId).where('closing_at', 'is not', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The member's open invitations, by the side they are on. */
export async function findOpenInvitationsOf(trx: Trx, memberId: number): Promise<{ sent: number[]; received: number[] }> {
  const result = await sql<{ id: number; sent: boolean }>`
    select id, sender_id = ${memberId} as sent from invitations
    where (sender_id = ${memberId} or recipient_id = ${memberId}) and status in ${statusListSql(OPEN_STATUSES)}
    order by id`.execute(trx);
  return {
    sent: result.rows.filter((row) => row.sent).map((row) => Number(row.id)),
    received: result.rows.filter((row) => !row.sent).map((row) => Number(row.id)),
  };
}

/** Introductions naming the member in any role, locked. */
export async function lockIntroductionsNaming(trx: Trx, memberId: number): Promise<IntroductionRow[]> {
  return trx
    .selectFrom('introductions')
    .selectAll()
    .where((eb) => eb.or([eb('requester_id', '=', memberId), eb('introducer_id', '=', memberId), eb('target_id', '=', memberId)]))
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Everyone the member is connected with. */
export async function findConnectionIds(trx: Trx, memberId: number): Promise<number[]> {
  const rows = await trx.selectFrom('connections').select('other_id').where('member_id', '=', memberId).orderBy('other_id').execute();
  return rows.map((row) => Number(row.other_id));
}

/** Removes what ties the member to others and lets them in: follows, blocks, contacts, dismissals, invite link, tokens and sessions. */
export async function removeTiesOf(trx: Trx, memberId: number): Promise<void> {
  await trx.deleteFrom('follows').where((eb) => eb.or([eb('follower_id', '=', memberId), eb('followee_id', '=', memberId)])).execute();
  await sql`delete from blocks where ${memberId} in (blocker_id, blocked_id)`.execute(trx);
  await trx.deleteFrom('contacts').where('owner_id', '=', memberId).execute();
  await sql`delete from suggestion_dismissals where member_id = ${memberId} or dismissed_id = ${memberId}`.execute(trx);
  await trx.deleteFrom('invite_links').where('member_id', '=', memberId).execute();
  await trx.deleteFrom('auth_tokens').where('member_id', '=', memberId).execute();
}

/** Remembers (or renews) an address's standing past its account. */
export async function rememberStanding(trx: Trx, emailHash: string, memory: RememberedStanding): Promise<void> {
  const values = { email_hash: emailHash, restriction_count: memory.restrictionCount, restricted: memory.restricted, remember_until: memory.rememberUntil };
  await trx
    .insertInto('closed_standings')
    .values(values)
    .onConflict((oc) => oc.column('email_hash').doUpdateSet({ restriction_count: values.restriction_count, restricted: values.restricted, remember_until: values.remember_until }))
    .execute();
}

export async function forgetStanding(db: Executor, emailHash: string): Promise<void> {
  await db.deleteFrom('closed_standings').where('email_hash', '=', emailHash).execute();
}

export async function findRememberedStanding(db: Executor, emailHash: string): Promise<RememberedStanding | undefined> {
  const row = await db.selectFrom('closed_standings').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();
  return row && { restrictionCount: row.restriction_count, restricted: row.restricted, rememberUntil: row.remember_until };
}

/** Memories past their time. */
export async function deleteLapsedStandings(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('closed_standings').where('remember_until', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Closing accounts whose grace period is over, oldest first. */
export async function findAccountsDueForErasure(db: Executor, now: Date, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('members').select('id').where('erase_after', '<=', now).where('closing_at', 'is not', null).orderBy('erase_after').limit(limit).execute();
  return rows.map((row) => Number(row.id));
}

/** The member's row, locked, when it is still closing and due (re-checked under the lock: a sign-in may have reopened it). */
export async function lockDueAccount(trx: Trx, memberId: number, now: Date): Promise<{ id: number } | undefined> {
  return trx.selectFrom('members').select('id').where('id', '=', memberId).where('closing_at', 'is not', null).where('erase_after', '<=', now).forUpdate().executeTakeFirst();
}

/** Payload keys that name a member in events and notifications. */
const NAMING_KEYS = ['memberId', 'senderId', 'recipientId', 'authorId', 'to', 'followerId', 'followeeId', 'a', 'b', 'requesterId', 'introducerId', 'targetId'] as const;

function payloadNames(memberId: number) {
  const conditions = NAMING_KEYS.flatMap((key) => [
    sql`payload @> ${JSON.stringify({ [key]: memberId })}::jsonb`,
    sql`payload @> ${JSON.stringify({ [key]: String(memberId) })}::jsonb`,
  ]);
  return sql<boolean>`(${sql.join(conditions, sql` or `)})`;
}

/**
 * Deletes notifications that name the member (by id, or through an invitation, introduction or
 * message of theirs): with `othersOnly`, only other members' (at closing, so nobody's bell shows
 * the closing member's name; their own stay for a reopening).
 */
export async function deleteNotificationsNaming(trx: Trx, memberId: number, othersOnly = false): Promise<void> {
  await sql`delete from notifications where (${othersOnly ? sql`member_id <> ${memberId}` : sql`true`}) and (${payloadNames(memberId)}
    or payload->>'invitationId' in (select id::text from invitations where sender_id = ${memberId} or recipient_id = ${memberId})
    or payload->>'introductionId' in (select id::text from introductions where ${memberId} in (requester_id, introducer_id, target_id))
    or payload->>'messageId' in (select id::text from messages where sender_id = ${memberId} or recipient_id = ${memberId}))`.execute(trx);
}

/**
 * Erases every row that names the member. The foreign keys do most of it (`on delete cascade`);
 * reports the member filed keep counting against whoever they reported (`on delete set null`, from
 * migration 0019), but a report outside an invitation that repeats one made on an invitation is
 * dropped first, so the two never count twice once the reporter is gone. Others' notifications and
 * the outbox's delivered events that name the member, or an invitation, introduction or message of theirs, go too.
 */
export async function eraseMemberRows(trx: Trx, memberId: number): Promise<void> {
  await sql`delete from member_reports mr where mr.reporter_id = ${memberId}
    and exists (select 1 from reports r where r.reporter_id = mr.reporter_id and r.sender_id = mr.member_id)`.execute(trx);
  await deleteNotificationsNaming(trx, memberId);
  await sql`delete from outbox where processed_at is not null and ${payloadNames(memberId)}`.execute(trx);
  await trx.deleteFrom('members').where('id', '=', memberId).execute();
}

/** A new account on a remembered address starts with the standing its address left with. */
export async function applyReturningStanding(trx: Trx, memberId: number, standing: { restrictionCount: number; restrictedAt: Date | null }): Promise<void> {
  await trx.updateTable('members').set({ restriction_count: standing.restrictionCount, restricted_at: standing.restrictedAt }).where('id', '=', memberId).execute();
}
