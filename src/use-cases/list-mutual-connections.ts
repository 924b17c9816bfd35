import type { AppContext } from '../context.js';
import { findMemberSummaries, type MemberSummaryRow } from '../db/repositories/members.js';
import { graphReader } from '../graph/graph-reads.js';
import { findVisibleMember } from './view-member.js';

/**
 * The connections the viewer shares with a member they may see, best connected first: `limit + 1`
 * ids from the offset on (the last tells whether there are more), and the summaries of the first
 * `limit`. The offset is read once the member is found visible: a member hidden from the viewer
 * answers `not_found` whatever the cursor says.
 */
export async function listMutualConnections(
  ctx: AppContext,
  viewerId: number,
  memberId: number,
  page: { limit: number; offset: () => number },
): Promise<{ ids: number[]; offset: number; members: Map<number, MemberSummaryRow> }> {
  const member = await findVisibleMember(ctx, viewerId, memberId);
  const offset = page.offset();
  const ids = await (await graphReader(ctx)).mutualList(viewerId, member.id, page.limit + 1, offset);
  const members = new Map((await findMemberSummaries(ctx.db, ids.slice(0, page.limit))).map((m) => [m.id, m]));
  return { ids, offset, members };
}
