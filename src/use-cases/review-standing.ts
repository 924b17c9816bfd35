import type { AppContext } from '../context.js';
import type { VisibleStanding } from '../domain/standing-rules.js';
import { listAllotmentRequests as listRequestRows, listRestrictedMembers as listRestrictedRows, type AllotmentRequestStatus } from '../db/repositories/moderation.js';
import type { MemberRow } from '../db/schema.js';
import { loadStanding } from './view-own-account.js';

/** What an operator reviews: allotment requests in one status, oldest first, with who asked. */
export async function listAllotmentRequests(ctx: AppContext, status: AllotmentRequestStatus) {
  return listRequestRows(ctx.db, status);
}

/** What an operator reviews: the members restricted now, each with their standing. */
export async function listRestrictedMembers(ctx: AppContext): Promise<{ member: MemberRow; standing: VisibleStanding }[]> {
  const rows = await listRestrictedRows(ctx.db, ctx.clock.now());
  return Promise.all(rows.map(async (member) => ({ member, standing: await loadStanding(ctx.db, ctx, member) })));
}
