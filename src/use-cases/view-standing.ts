import type { AppContext } from '../context.js';
import type { VisibleStanding } from '../domain/standing-rules.js';
import { findMemberById } from '../db/repositories/members.js';
import { loadStanding } from './view-own-account.js';

/** A member's standing now: reports counted since the last lift, restriction, and what lifts it. */
export async function viewStanding(ctx: AppContext, memberId: number): Promise<VisibleStanding> {
  return loadStanding(ctx.db, ctx, (await findMemberById(ctx.db, memberId))!);
}
