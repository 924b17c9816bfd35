import type { AppContext } from '../context.js';
import { findMemberSummaries, type MemberSummaryRow } from '../db/repositories/members.js';

/** The summaries of everyone these introductions name: requesters, introducers and targets. */
export async function loadIntroductionParties(
  ctx: AppContext,
  introductions: readonly { requester_id: number; introducer_id: number; target_id: number }[],
): Promise<MemberSummaryRow[]> {
  const ids = [...new Set(introductions.flatMap((row) => [row.requester_id, row.introducer_id, row.target_id]))];
  return findMemberSummaries(ctx.db, ids);
}
