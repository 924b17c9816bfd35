import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { findGroupListing, findGroupMembers, findGroups, insertGroupMembership, type GroupListing } from '../db/repositories/groups.js';
import { withDegrees, type PersonInGraph } from './people-with-degrees.js';

export interface Paging {
  limit: number;
  offset: number;
}

/** Groups whose name contains `q`, largest first; `hasMore` when another page follows. */
export async function findGroupsByName(ctx: AppContext, viewerId: number, q: string, { limit, offset }: Paging): Promise<{ groups: GroupListing[]; hasMore: boolean }> {
  const rows = await findGroups(ctx.db, viewerId, q.trim(), limit + 1, offset);
  return { groups: rows.slice(0, limit), hasMore: rows.length > limit };
}

/**
 * A group with one page of its members, each with the viewer's degree and mutual connections (as
 * search shows them). Members blocked either way are left out of the page, not of the count.
 */
export async function viewGroup(
  ctx: AppContext,
  viewerId: number,
  groupId: number,
  { limit, offset }: Paging,
): Promise<{ group: GroupListing; members: PersonInGraph[]; hasMore: boolean }> {
  const group = await findGroupListing(ctx.db, viewerId, groupId);
  if (!group) throw new DomainError('not_found', 'No such group.');
  const rows = await findGroupMembers(ctx.db, viewerId, groupId, limit + 1, offset);
  return { group, members: await withDegrees(ctx, viewerId, rows.slice(0, limit)), hasMore: rows.length > limit };
}

/** Joins an existing group by its id (joining twice changes nothing); answers the group as the member now sees it. */
export async function joinGroupById(ctx: AppContext, memberId: number, groupId: number): Promise<GroupListing> {
  if (!(await insertGroupMembership(ctx.db, memberId, groupId))) throw new DomainError('not_found', 'No such group.');
  return (await findGroupListing(ctx.db, memberId, groupId))!;
}
