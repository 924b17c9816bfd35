import { sql, type RawBuilder } from 'kysely';
import type { Executor, Trx } from '../database.js';
import type { KeysetCursor } from '../keyset.js';
import { blockedEitherWay } from './blocks.js';

/*
 * The follow read model (see use-cases/follow-member.ts): A follows B when A wrote an explicit
 * follow of B, or when A and B are connected and A has not unfollowed B (a row with
 * `following = false`). A block hides every follow between the two.
 */

/** Members `memberId` follows, with since when: explicit follows and connections not unfollowed. */
function followingOf(memberId: number): RawBuilder<{ id: number; since: Date }> {
  return sql<{ id: number; since: Date }>`(
    select f.followee_id as id, f.created_at as since from follows f where f.follower_id = ${memberId} and f.following
    union all
    select c.other_id as id, c.created_at as since from connections c
    where c.member_id = ${memberId}
      and not exists (select 1 from follows f where f.follower_id = ${memberId} and f.followee_id = c.other_id)
  )`;
}

/** Members who follow `memberId`. */
function followersOf(memberId: number): RawBuilder<{ id: number; since: Date }> {
  return sql<{ id: number; since: Date }>`(
    select f.follower_id as id, f.created_at as since from follows f where f.followee_id = ${memberId} and f.following
    union all
    select c.other_id as id, c.created_at as since from connections c
    where c.member_id = ${memberId}
      and not exists (select 1 from follows f where f.follower_id = c.other_id and f.followee_id = ${memberId})
  )`;
}

function notBlockedWith(memberId: number) {
  return sql`not ${blockedEitherWay(memberId, sql.ref('x.id'))}`;
}

export type FollowDirection = 'following' | 'followers';

/** Up to `limit` of the members `memberId` follows (or who follow them), latest first, before the keyset position `before`. */
export async function listFollowPage(
  db: Executor,
  memberId: number,
  direction: FollowDirection,
  limit: number,
  before: KeysetCursor | null,
): Promise<{ id: number; since: Date }[]> {
  const source = direction === 'following' ? followingOf(memberId) : followersOf(memberId);
  const result = await sql<{ id: number; since: Date }>`
    select x.id, x.since from ${source} x
    where ${notBlockedWith(memberId)}
      ${before ? sql`and (x.since < ${before.at} or (x.since = ${before.at} and x.id < ${before.id}))` : sql``}
    order by x.since desc, x.id desc
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ id: Number(row.id), since: new Date(row.since) }));
}

/** Which of `ids` `memberId` follows. */
export async function followingAmong(db: Executor, memberId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ id: number }>`select x.id from ${followingOf(memberId)} x where x.id = any(${sql.val([...ids])}::bigint[]) and ${notBlockedWith(memberId)}`.execute(db);
  return new Set(result.rows.map((row) => Number(row.id)));
}

/** Which of `ids` follow `memberId`. */
export async function followersAmong(db: Executor, memberId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ id: number }>`select x.id from ${followersOf(memberId)} x where x.id = any(${sql.val([...ids])}::bigint[]) and ${notBlockedWith(memberId)}`.execute(db);
  return new Set(result.rows.map((row) => Number(row.id)));
}

export async function countFollowers(db: Executor, memberId: number): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${followersOf(memberId)} x where ${notBlockedWith(memberId)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

export async function countFollowing(db: Executor, memberId: number): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${followingOf(memberId)} x where ${notBlockedWith(memberId)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

export interface FollowStateColumns {
  following: boolean;
  follow_primary: boolean;
}

/** Whether the viewer follows the member, and whether the member asked for Follow as their primary button: two columns of one row. */
export function followStateColumns(viewerId: number, memberId: number) {
  return sql<FollowStateColumns>`
    exists (select 1 from ${followingOf(viewerId)} x where x.id = ${memberId}) as following,
    coalesce((select p.follow_primary from follow_preferences p where p.member_id = ${memberId}), false) as follow_primary`;
}

export function followStateFrom(row: FollowStateColumns | undefined, viewerId: number, memberId: number): { following: boolean; followPrimary: boolean } {
  return { following: viewerId !== memberId && row?.following === true, followPrimary: row?.follow_primary === true };
}

export async function loadFollowPrimary(db: Executor, memberId: number): Promise<boolean> {
  const row = await db.selectFrom('follow_preferences').select('follow_primary').where('member_id', '=', memberId).executeTakeFirst();
  return row?.follow_primary ?? false;
}

export async function saveFollowPrimary(db: Executor, memberId: number, enabled: boolean): Promise<void> {
  await db
    .insertInto('follow_preferences')
    .values({ member_id: memberId, follow_primary: enabled })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({ follow_primary: enabled }))
    .execute();
}

/**
 * Writes an explicit follow (`following`) or unfollow (`!following`) of `followeeId`, or turns the
 * opposite row over. Answers false when the row already said so.
 */
export async function writeFollowRow(trx: Trx, followerId: number, followeeId: number, following: boolean, now: Date): Promise<boolean> {
  const written = await trx
    .insertInto('follows')
    .values({ follower_id: followerId, followee_id: followeeId, following, created_at: now })
    .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doUpdateSet({ following, created_at: now }).where('follows.following', '=', !following))
    .returning('follower_id')
    .execute();
  return written.length > 0;
}

/** Deletes the row of `followerId` about `followeeId` if it says `following`; answers whether there was one. */
export async function deleteFollowRow(trx: Trx, followerId: number, followeeId: number, following: boolean): Promise<boolean> {
  const deleted = await trx.deleteFrom('follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).where('following', '=', following).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}
