import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { deleteFollowRow, saveFollowPrimary, writeFollowRow } from '../db/repositories/follows.js';
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
        started = await deleteFollowRow(trx, followerId, followeeId, false);
      } else {
        started = await writeFollowRow(trx, followerId, followeeId, true, now);
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
        if (!(await writeFollowRow(trx, followerId, followeeId, false, now))) throw notFollowing();
      } else {
        if (!(await deleteFollowRow(trx, followerId, followeeId, true))) throw notFollowing();
      }
      await appendEvent(trx, 'member.unfollowed', { followerId, followeeId }, now);
    },
    { retryOnUniqueViolation: true },
  );
}

/** Makes Follow (rather than Connect) the primary button others see on the member's profile. */
export async function setFollowPrimary(ctx: AppContext, memberId: number, enabled: boolean): Promise<boolean> {
  await saveFollowPrimary(ctx.db, memberId, enabled);
  return enabled;
}
