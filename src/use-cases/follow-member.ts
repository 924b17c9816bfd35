import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { inTransaction } from '../db/transaction.js';
import { areConnected } from '../graph/sql-graph.js';
import { findVisibleMember } from './view-member.js';

/*
 * The follow read model: A follows B when A wrote an explicit follow of B, or when A and B are
 * connected and A has not unfollowed B. Connections follow each other without a row — connecting
 * and disconnecting need not touch follows, and the counts can never drift — and a connection who
 * unfollows leaves a row with `following = false`. A block hides every follow between the two.
 */

/**
 * Follows a member: anyone visible may be followed, a company page or a member at
 * `maxConnections` included. Answers whether this started following (false: already did).
 */
export async function followMember(ctx: AppContext, followerId: number, followeeId: number): Promise<{ started: boolean }> {
  if (followerId === followeeId) throw new DomainError('cannot_follow_self', 'You cannot follow yourself.');
  await findVisibleMember(ctx, followerId, followeeId);
  return inTransaction(
    ctx.db,
    async (trx) => {
      const now = ctx.clock.now();
      let started: boolean;
      if (await areConnected(trx, followerId, followeeId)) {
        // Connected: following is the default; only an earlier unfollow stands in the way.
        const cleared = await trx.deleteFrom('follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).where('following', '=', false).executeTakeFirst();
        started = cleared.numDeletedRows > 0n;
      } else {
        const written = await trx
          .insertInto('follows')
          .values({ follower_id: followerId, followee_id: followeeId, following: true, created_at: now })
          .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doUpdateSet({ following: true, created_at: now }).where('follows.following', '=', false))
          .returning('follower_id')
          .execute();
        started = written.length > 0;
      }
      if (started) await appendEvent(trx, 'member.followed', { followerId, followeeId }, now);
      return { started };
    },
    { retryOnUniqueViolation: true },
  );
}

/** Stops following a member; a connection stays connected but no longer follows. */
export async function unfollowMember(ctx: AppContext, followerId: number, followeeId: number): Promise<void> {
  const notFollowing = () => new DomainError('not_found', 'You do not follow this member.');
  if (followerId === followeeId) throw notFollowing();
  await findVisibleMember(ctx, followerId, followeeId);
  await inTransaction(
    ctx.db,
    async (trx) => {
      const now = ctx.clock.now();
      if (await areConnected(trx, followerId, followeeId)) {
        const written = await trx
          .insertInto('follows')
          .values({ follower_id: followerId, followee_id: followeeId, following: false, created_at: now })
          .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doUpdateSet({ following: false, created_at: now }).where('follows.following', '=', true))
          .returning('follower_id')
          .execute();
        if (written.length === 0) throw notFollowing();
      } else {
        const deleted = await trx.deleteFrom('follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).where('following', '=', true).executeTakeFirst();
        if (deleted.numDeletedRows === 0n) throw notFollowing();
      }
      await appendEvent(trx, 'member.unfollowed', { followerId, followeeId }, now);
    },
    { retryOnUniqueViolation: true },
  );
}

/** Makes Follow (rather than Connect) the primary button others see on the member's profile. */
export async function setFollowPrimary(ctx: AppContext, memberId: number, enabled: boolean): Promise<boolean> {
  await ctx.db
    .insertInto('follow_preferences')
    .values({ member_id: memberId, follow_primary: enabled })
    .onConflict((oc) => oc.column('member_id').doUpdateSet({ follow_primary: enabled }))
    .execute();
  return enabled;
}
