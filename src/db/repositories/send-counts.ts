import { sql } from 'kysely';
import { DAY_MS, startOfUtcMonth } from '../../domain/clock.js';
import { weeklyWindowStart, type SendCounts } from '../../domain/quota.js';
import type { Executor } from '../database.js';

/**
 * A sender's invitations counted in every window a limit reads (lifetime, calendar month, the
 * rolling week, the last 24 h), as one indexed select: the statement of `countSends`, and the
 * lateral part of the send facts' statement (`loadPairFacts`).
 */
export function sendCountsSql(senderId: number, now: Date) {
  const weekAgo = weeklyWindowStart(now);
  return sql<{ lifetime: number; month: number; week: number; day: number; oldest_week: Date | null }>`
      select count(*)::int as lifetime,
             (count(*) filter (where created_at >= ${startOfUtcMonth(now)}))::int as month,
             (count(*) filter (where created_at > ${weekAgo}))::int as week,
             (count(*) filter (where created_at > ${new Date(now.getTime() - DAY_MS)}))::int as day,
             min(created_at) filter (where created_at > ${weekAgo}) as oldest_week
      from invitations where sender_id = ${senderId}`;
}

/** Counts a sender's invitations in every window a limit reads, in one indexed query. */
export async function countSends(db: Executor, senderId: number, now: Date): Promise<SendCounts> {
  const row = (await sendCountsSql(senderId, now).execute(db)).rows[0]!;
  return { lifetime: row.lifetime, thisMonth: row.month, last7Days: row.week, last24h: row.day, oldestInLast7Days: row.oldest_week };
}

export async function grantedExtra(db: Executor, memberId: number): Promise<number> {
  const row = await db
    .selectFrom('allotment_grants')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('total'))
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}
