import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { findMemberById } from '../db/repositories/members.js';
import { allowancesOf } from '../domain/allowances.js';
import { startOfUtcMonth } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';

/** How many introductions and InMail messages the member has left this month; the same counts the send paths check. */
export async function viewAllowances(ctx: AppContext, memberId: number) {
  const member = await findMemberById(ctx.db, memberId);
  if (!member) throw new DomainError('unauthorized', 'This account no longer exists.');
  const now = ctx.clock.now();
  const since = startOfUtcMonth(now);
  const counts = await sql<{ introductions: number; inmail: number }>`
    select (select count(*)::int from introductions where requester_id = ${memberId} and created_at >= ${since}) as introductions,
           (select count(*)::int from messages where sender_id = ${memberId} and kind = 'inmail' and created_at >= ${since}) as inmail`.execute(ctx.db);
  return allowancesOf(member.tier, counts.rows[0]!, ctx.policy, now);
}
