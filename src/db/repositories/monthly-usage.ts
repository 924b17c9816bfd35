import { sql } from 'kysely';
import { startOfUtcMonth } from '../../domain/clock.js';
import type { Executor } from '../database.js';

/*
 * The monthly allowances' counters, read by the paths that spend them (asking for an introduction,
 * sending an InMail) and by `GET /me/allowances`: one definition, so what a member is shown is what
 * the next request is checked against. Months are calendar months in UTC.
 */

/** Introductions the member asked for since the start of `now`'s month. */
export async function introductionsAskedThisMonth(db: Executor, memberId: number, now: Date): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from introductions where requester_id = ${memberId} and created_at >= ${startOfUtcMonth(now)}`.execute(db);
  return result.rows[0]!.n;
}

/** InMail messages the member sent since the start of `now`'s month. */
export async function inmailSentThisMonth(db: Executor, memberId: number, now: Date): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from messages where sender_id = ${memberId} and kind = 'inmail' and created_at >= ${startOfUtcMonth(now)}`.execute(db);
  return result.rows[0]!.n;
}
