import { sql } from 'kysely';
import { countingSince, type AnswerTally, type RestrictionReason, type StandingState } from '../../domain/standing.js';
import type { Executor, Trx } from '../database.js';
import { countMemberReportsSince } from './member-reports.js';
import type { MemberRow, StandingEventsTable } from '../schema.js';

export function standingStateOf(member: Pick<MemberRow, 'restricted_at' | 'restriction_ends_at' | 'restriction_count' | 'last_lift_at'>): StandingState {
  return {
    restrictedAt: member.restricted_at,
    restrictionEndsAt: member.restriction_ends_at,
    restrictionCount: member.restriction_count,
    lastLiftAt: member.last_lift_at,
  };
}

export async function countReportsSince(db: Executor, senderId: number, since: Date | null): Promise<number> {
  let query = db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).where('sender_id', '=', senderId);
  if (since) query = query.where('created_at', '>', since);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Reports since standing was last reset, and the sender's latest answered invitations (ignores count
 * as not accepted). `memberReports`: reports made outside invitations count too
 * (`memberReportsCountTowardStanding`).
 */
export async function loadAnswerTally(db: Executor, member: MemberRow, now: Date, recentLimit: number, options: { memberReports?: boolean } = {}): Promise<AnswerTally> {
  const since = countingSince(standingStateOf(member), now);
  const [invitationReports, memberReports] = await Promise.all([
    countReportsSince(db, member.id, since),
    options.memberReports ? countMemberReportsSince(db, member.id, since) : 0,
  ]);
  const reportsSinceLift = invitationReports + memberReports;
  const recent = await sql<{ accepted: boolean }>`
    select status = 'accepted' as accepted from invitations
    where sender_id = ${member.id}
      and (status in ('accepted', 'declined', 'reported') or ignored_at is not null)
      ${since ? sql`and coalesce(ignored_at, responded_at) > ${since}` : sql``}
    order by coalesce(ignored_at, responded_at) desc limit ${recentLimit}`.execute(db);
  return { reportsSinceLift, recentAnswers: recent.rows.map((row) => (row.accepted ? 'accepted' : 'not_accepted')) };
}

/** Restricts a member from `now` until `endsAt`, as their `count`th restriction. */
export async function restrictMember(trx: Trx, memberId: number, now: Date, endsAt: Date | null, count: number): Promise<void> {
  await trx.updateTable('members').set({ restricted_at: now, restriction_ends_at: endsAt, restriction_count: count }).where('id', '=', memberId).execute();
}

/** Lifts a member's restriction; what counts towards the next one starts at `now`. */
export async function liftRestriction(trx: Trx, memberId: number, now: Date): Promise<void> {
  await trx.updateTable('members').set({ restricted_at: null, restriction_ends_at: null, last_lift_at: now }).where('id', '=', memberId).execute();
}

/** The history of a member's standing: who restricted or lifted, when and why (`actorId` null: the rules did). */
export async function recordStandingEvent(trx: Trx, memberId: number, kind: StandingEventsTable['kind'], reason: string, actorId: number | null, now: Date): Promise<void> {
  await trx.insertInto('standing_events').values({ member_id: memberId, kind, reason, actor_id: actorId, created_at: now }).execute();
}

/** Why the member's latest restriction began (`standing_events`), or null when none is recorded. */
export async function latestRestrictionReason(db: Executor, memberId: number): Promise<RestrictionReason | null> {
  const row = await db
    .selectFrom('standing_events')
    .select('reason')
    .where('member_id', '=', memberId)
    .where('kind', '=', 'restricted')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.reason === 'reports' || row?.reason === 'low_acceptance' ? row.reason : null;
}
