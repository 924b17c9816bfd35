import { sql } from 'kysely';
import { normalizeEmail } from '../../domain/member.js';
import type { Executor, Trx } from '../database.js';
import type { MemberRow, NewMember } from '../schema.js';

export async function findMemberById(db: Executor, id: number): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMemberByEmail(db: Executor, email: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function findMembersByIds(db: Executor, ids: readonly number[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('members').selectAll().where('id', 'in', ids).execute();
}

/** What a member's summary shows (`presentMemberSummary`): a list of people reads only these. */
export const MEMBER_SUMMARY_COLUMNS = ['id', 'kind', 'name', 'headline', 'location'] as const;
export type MemberSummaryRow = Pick<MemberRow, (typeof MEMBER_SUMMARY_COLUMNS)[number]>;

/** The summaries of some members: one statement text whatever their number. */
export function memberSummariesQuery(db: Executor, ids: readonly number[]) {
  return db.selectFrom('members').select(MEMBER_SUMMARY_COLUMNS).where('id', '=', sql<number>`any(${sql.val(ids)}::bigint[])`);
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

export async function isBlockedEitherWay(db: Executor, a: number, b: number): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('blocker_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
        eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}
