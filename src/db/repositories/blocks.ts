import { sql, type RawBuilder } from 'kysely';
import type { Executor, Trx } from '../database.js';

/**
 * The one definition of "hidden from each other", as an SQL condition on two member ids (values
 * or column references): either blocked the other, or either closed their account (a closing
 * account is invisible everywhere until it is reopened or erased). Every query that hides members
 * behind a block uses it.
 */
export function blockedEitherWay(a: number | RawBuilder<unknown>, b: number | RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${blockRowEitherWay(a, b)}
    or exists (select 1 from members cm where cm.id in (${a}, ${b}) and cm.closing_at is not null))`;
}

/** Only the block itself, either way: where a closed account's traces stay readable (a conversation). */
export function blockRowEitherWay(a: number | RawBuilder<unknown>, b: number | RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from blocks b
    where (b.blocker_id = ${a} and b.blocked_id = ${b}) or (b.blocker_id = ${b} and b.blocked_id = ${a}))`;
}

export async function insertBlock(trx: Trx, blockerId: number, blockedId: number, now: Date): Promise<void> {
  await trx
    .insertInto('blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: now })
    .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
    .execute();
}

export async function deleteBlock(db: Executor, blockerId: number, blockedId: number): Promise<boolean> {
  const deleted = await db.deleteFrom('blocks').where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}
