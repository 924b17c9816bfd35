import type { AppContext } from '../context.js';
import { findMembersByNameOrEmail } from '../db/repositories/member-tier.js';
import type { MemberRow } from '../db/schema.js';

/** An operator looks a member up by part of their name or address (at most `limit`). */
export async function findMembersAsAdmin(ctx: AppContext, q: string, limit: number): Promise<MemberRow[]> {
  return findMembersByNameOrEmail(ctx.db, q, limit);
}
