import type { AppContext } from '../context.js';
import { countFollowers, countFollowing, loadFollowPrimary } from '../db/repositories/follows.js';

/** How many members someone follows (connections included unless they unfollowed them). */
export async function countFollowingOf(ctx: AppContext, memberId: number): Promise<number> {
  return countFollowing(ctx.db, memberId);
}

/** How many members follow someone (connections included unless they unfollowed them). */
export async function countFollowersOf(ctx: AppContext, memberId: number): Promise<number> {
  return countFollowers(ctx.db, memberId);
}

/** Whether Follow, rather than Connect, is the button others see first on this member's profile. */
export async function isFollowPrimary(ctx: AppContext, memberId: number): Promise<boolean> {
  return loadFollowPrimary(ctx.db, memberId);
}
