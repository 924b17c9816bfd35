import type { AppContext } from '../context.js';
import { listBlockedMembers as listBlockedRows } from '../db/repositories/blocked-members.js';
import { listConnections as listConnectionRows } from '../db/repositories/connections.js';
import type { MemberSummaryRow } from '../db/repositories/members.js';

/**
 * A member's connections, most recent first, whose name contains `q` when given: `limit + 1` of
 * them before the `before` position (the last tells whether there are more).
 */
export async function listConnections(ctx: AppContext, memberId: number, query: { limit: number; before: { at: Date; id: number } | null; q?: string }) {
  return listConnectionRows(ctx.db, memberId, query.limit, query.before, query.q);
}

/** The members someone blocked, most recently blocked first. */
export async function listBlockedMembers(ctx: AppContext, memberId: number): Promise<MemberSummaryRow[]> {
  return listBlockedRows(ctx.db, memberId);
}
