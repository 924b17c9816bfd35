import { sql } from 'kysely';
import { normalizeEmail } from '../../domain/member.js';
import type { Executor, Trx } from '../database.js';
import type { MemberRow, NewMember } from '../schema.js';
import { blockedEitherWay, blockRowEitherWay } from './blocks.js';

export async function findMemberById(db: Executor, id: number): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMemberByEmail(db: Executor, email: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
}

/**
 * The member whose address this is, once they have proven it: an address counts only when its
 * owner has confirmed it, so signing up with someone else's address gets nothing meant for them.
 */
export async function findMemberByProvenEmail(db: Executor, email: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('email_normalized', '=', normalizeEmail(email)).where('email_verified_at', 'is not', null).executeTakeFirst();
}

/** Records that the member proved their address (the first time only). */
export async function markMemberEmailVerified(trx: Trx, memberId: number, now: Date): Promise<void> {
  await trx.updateTable('members').set({ email_verified_at: now }).where('id', '=', memberId).where('email_verified_at', 'is', null).execute();
}

/** Gives a member the admin role (see `markEmailVerified`: only once their address is proven). */
export async function grantAdminRole(trx: Trx, memberId: number): Promise<void> {
  await trx.updateTable('members').set({ role: 'admin' }).where('id', '=', memberId).execute();
}

export async function findMembersByIds(db: Executor, ids: readonly number[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('members').selectAll().where('id', 'in', ids).execute();
}

/** What a member's summary shows (`presentMemberSummary`): a list of people reads only these. */
export const MEMBER_SUMMARY_COLUMNS = ['id', 'kind', 'name', 'headline', 'location', 'photo_key'] as const;
/** `closing_at`, where read, lets a closing account read as "a former member" (`presentMemberSummary`). */
export type MemberSummaryRow = Pick<MemberRow, (typeof MEMBER_SUMMARY_COLUMNS)[number]> & { closing_at?: Date | null };

/** The summaries of some members: one statement text whatever their number. */
export function memberSummariesQuery(db: Executor, ids: readonly number[]) {
  return db.selectFrom('members').select([...MEMBER_SUMMARY_COLUMNS, 'closing_at']).where('id', '=', sql<number>`any(${sql.val(ids)}::bigint[])`);
}

export async function findMemberSummaries(db: Executor, ids: readonly number[]): Promise<MemberSummaryRow[]> {
  return ids.length === 0 ? [] : memberSummariesQuery(db, ids).execute();
}

/** Inserts a member and its default settings; the unique email index refuses a duplicate. */
export async function insertMember(trx: Trx, member: NewMember): Promise<MemberRow> {
  const row = await trx.insertInto('members').values(member).returningAll().executeTakeFirstOrThrow();
  await trx.insertInto('member_settings').values({ member_id: row.id, auto_withdraw_after_days: null }).execute();
  await refreshSearchText(trx, row.id);
  return row;
}

/**
 * Locks a member's row for the rest of the transaction: sends by one member run one at a time.
 * `FOR NO KEY UPDATE` does not block the foreign-key checks of invitations addressed to them.
 */
export async function lockMember(trx: Trx, id: number): Promise<MemberRow | undefined> {
  return trx.selectFrom('members').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

/** Keeps the text that people search in (name, headline, location, companies, titles, schools) current. */
export async function refreshSearchText(db: Executor, memberId: number): Promise<void> {
  await sql`
    update members set search_text = lower(concat_ws(' ', name, headline, location,
      (select string_agg(company || ' ' || title, ' ') from positions where member_id = ${memberId}),
      (select string_agg(school, ' ') from education where member_id = ${memberId})))
    where id = ${memberId}`.execute(db);
}

/** Whether a block stands between the two, either way (a closed account does not count: see `blockedEitherWay`). */
export async function hasBlockRowEitherWay(db: Executor, a: number, b: number): Promise<boolean> {
  const result = await sql<{ blocked: boolean }>`select ${blockRowEitherWay(a, b)} as blocked`.execute(db);
  return result.rows[0]?.blocked === true;
}

export async function isBlockedEitherWay(db: Executor, a: number, b: number): Promise<boolean> {
  const result = await sql<{ blocked: boolean }>`select ${blockedEitherWay(a, b)} as blocked`.execute(db);
  return result.rows[0]?.blocked === true;
}

/** Whether a member is there, and whether a person or a company page. */
export async function findMemberKind(db: Executor, id: number): Promise<Pick<MemberRow, 'id' | 'kind'> | undefined> {
  return db.selectFrom('members').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** Whether any of `ids` blocked another of them. */
export async function isBlockedAmong(db: Executor, ids: readonly number[]): Promise<boolean> {
  const row = await db.selectFrom('blocks').select('blocker_id').where('blocker_id', 'in', ids).where('blocked_id', 'in', ids).executeTakeFirst();
  return row !== undefined;
}

/**
 * The members behind normalised addresses, by address: only those who proved their address (an
 * unverified account is nobody's here, as for invitations by address), not `ownerId` themselves, and
 * none who blocked them or whom they blocked.
 */
export async function visibleMembersByEmail(db: Executor, ownerId: number, normalizedEmails: readonly string[]): Promise<Map<string, MemberRow>> {
  if (normalizedEmails.length === 0) return new Map();
  const rows = await db
    .selectFrom('members as m')
    .selectAll('m')
    .where('m.email_normalized', 'in', [...new Set(normalizedEmails)])
    .where('m.email_verified_at', 'is not', null)
    .where('m.id', '<>', ownerId)
    .where(sql<boolean>`not ${blockedEitherWay(ownerId, sql.ref('m.id'))}`)
    .execute();
  return new Map(rows.map((row) => [row.email_normalized, row]));
}

/** How many distinct members `visibleMembersByEmail` finds behind the addresses, counted in the database. */
export async function countVisibleMembersByEmail(db: Executor, ownerId: number, normalizedEmails: readonly string[]): Promise<number> {
  if (normalizedEmails.length === 0) return 0;
  const result = await sql<{ n: number }>`
    select count(*)::int as n from members m
    where m.email_normalized = any(${sql.val([...normalizedEmails])}::text[]) and m.email_verified_at is not null and m.id <> ${ownerId}
      and not ${blockedEitherWay(ownerId, sql.ref('m.id'))}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** The ids of the operators (members with the admin role). */
export async function findAdminIds(db: Executor): Promise<number[]> {
  const admins = await db.selectFrom('members').select('id').where('role', '=', 'admin').execute();
  return admins.map((admin) => admin.id);
}

export async function findMemberName(db: Executor, id: number): Promise<string | undefined> {
  const member = await db.selectFrom('members').select(['name']).where('id', '=', id).executeTakeFirst();
  return member?.name;
}
