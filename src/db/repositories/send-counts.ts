import { sql } from 'kysely';
import { DAY_MS, startOfUtcMonth } from '../../domain/clock.js';
import { weeklyWindowStart, type SendCounts } from '../../domain/quota.js';
import type { Executor } from '../database.js';

/** Counts a sender's invitations in every window a limit reads, in one indexed query. */
export async function countSends(db: Executor, senderId: number, now: Date): Promise<SendCounts> {
  const monthStart = startOfUtcMonth(now);
  const weekAgo = weeklyWindowStart(now);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const result = await sql<{ lifetime: number; month: number; week: number; day: number; oldest_week: Date | null }>`
    select count(*)::int as lifetime,
           (count(*) filter (where created_at >= ${monthStart}))::int as month,
           (count(*) filter (where created_at > ${weekAgo}))::int as week,
           (count(*) filter (where created_at > ${dayAgo}))::int as day,
           min(created_at) filter (where created_at > ${weekAgo}) as oldest_week
    from invitations where sender_id = ${senderId}`.execute(db);
  const row = result.rows[0]!;
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
