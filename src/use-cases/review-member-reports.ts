import type { AppContext } from '../context.js';
import { listMemberReports as listRows } from '../db/repositories/member-reports.js';

/** What an operator reviews beside restricted members: reports of members made outside invitations, newest first. */
export async function listMemberReports(ctx: AppContext) {
  return listRows(ctx.db);
}
