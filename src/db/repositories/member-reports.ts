import { sql } from 'kysely';
import type { MemberReportReason, MemberReportSource } from '../../domain/member-report.js';
import type { Executor, Trx } from '../database.js';
import type { MemberRow } from '../schema.js';

export async function findMemberReport(db: Executor, reporterId: number, memberId: number) {
  return db.selectFrom('member_reports').selectAll().where('reporter_id', '=', reporterId).where('member_id', '=', memberId).executeTakeFirst();
}

/** Stores the report unless this reporter already reported this member; answers whether it was new. */
export async function insertMemberReport(
  trx: Trx,
  report: { reporterId: number; memberId: number; reason: MemberReportReason; source: MemberReportSource },
  now: Date,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('member_reports')
    .values({ reporter_id: report.reporterId, member_id: report.memberId, reason: report.reason, source: report.source, created_at: now })
    .onConflict((oc) => oc.columns(['reporter_id', 'member_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Reports of a member outside invitations since `since`, leaving out a reporter who also reported
 * one of their invitations in that time: one person's complaint counts once.
 */
export async function countMemberReportsSince(db: Executor, memberId: number, since: Date | null): Promise<number> {
  const row = await sql<{ n: string | number }>`
    select count(*) as n from member_reports mr
    where mr.member_id = ${memberId}
      ${since ? sql`and mr.created_at > ${since}` : sql``}
      and not exists (select 1 from reports r where r.sender_id = mr.member_id and r.reporter_id = mr.reporter_id
        ${since ? sql`and r.created_at > ${since}` : sql``})`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export interface MemberReportListing {
  id: number;
  reason: MemberReportReason;
  source: MemberReportSource;
  created_at: Date;
  reporter: MemberRow;
  member: MemberRow;
  /** Every report of this member outside invitations, by anyone. */
  memberReportCount: number;
}

/** The newest member reports (200 at most), with both members and how often the reported one was reported. */
export async function listMemberReports(db: Executor): Promise<MemberReportListing[]> {
  const rows = await db.selectFrom('member_reports').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((row) => [row.reporter_id, row.member_id]))];
  const reportedIds = [...new Set(rows.map((row) => row.member_id))];
  const [members, counts] = await Promise.all([
    db.selectFrom('members').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('member_reports')
      .select(['member_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('member_id', 'in', reportedIds)
      .groupBy('member_id')
      .execute(),
  ]);
  const byId = new Map(members.map((member) => [Number(member.id), member]));
  const countOf = new Map(counts.map((count) => [Number(count.member_id), Number(count.n)]));
  return rows.flatMap((row) => {
    const reporter = byId.get(Number(row.reporter_id));
    const member = byId.get(Number(row.member_id));
    if (!reporter || !member) return [];
    return [{ id: row.id, reason: row.reason, source: row.source, created_at: row.created_at, reporter, member, memberReportCount: countOf.get(Number(row.member_id)) ?? 0 }];
  });
}
