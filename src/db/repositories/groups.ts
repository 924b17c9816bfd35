import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { blockedEitherWay } from './blocks.js';
import type { MemberRow } from '../schema.js';
import { containsPattern } from './like-pattern.js';

/** A group as a list shows it: how many belong, and whether the viewer does. */
export interface GroupListing {
  id: number;
  name: string;
  memberCount: number;
  joined: boolean;
}

type GroupListingRow = { id: number | string; name: string; member_count: number | string; joined: boolean };

const listingOf = (row: GroupListingRow): GroupListing => ({ id: Number(row.id), name: row.name, memberCount: Number(row.member_count), joined: row.joined });

/** Groups whose name contains `q` (all when empty), largest first, from position `offset`, at most `limit`. */
export async function findGroups(db: Executor, viewerId: number, q: string, limit: number, offset: number): Promise<GroupListing[]> {
  const { rows } = await sql<GroupListingRow>`
    select g.id, g.name,
      (select count(*) from group_memberships m where m.group_id = g.id)::int as member_count,
      exists (select 1 from group_memberships y where y.member_id = ${viewerId} and y.group_id = g.id) as joined
    from groups g
    where ${q ? sql`lower(g.name) like ${containsPattern(q.toLowerCase())}` : sql`true`}
    order by member_count desc, lower(g.name), g.id
    limit ${limit} offset ${offset}`.execute(db);
  return rows.map(listingOf);
}

/** One group with its member count and whether the viewer belongs, or undefined. */
export async function findGroupListing(db: Executor, viewerId: number, groupId: number): Promise<GroupListing | undefined> {
  const { rows } = await sql<GroupListingRow>`
    select g.id, g.name,
      (select count(*) from group_memberships m where m.group_id = g.id)::int as member_count,
      exists (select 1 from group_memberships y where y.member_id = ${viewerId} and y.group_id = g.id) as joined
    from groups g where g.id = ${groupId}`.execute(db);
  return rows[0] && listingOf(rows[0]);
}

/** A group's members the viewer may see (none blocked either way), best connected first. */
export async function findGroupMembers(db: Executor, viewerId: number, groupId: number, limit: number, offset: number): Promise<MemberRow[]> {
  return db
    .selectFrom('group_memberships')
    .innerJoin('members', 'members.id', 'group_memberships.member_id')
    .selectAll('members')
    .where('group_memberships.group_id', '=', groupId)
    .where(sql<boolean>`not ${blockedEitherWay(viewerId, sql.ref('members.id'))}`)
    .orderBy('members.connection_count', 'desc')
    .orderBy('members.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Adds the member to an existing group; false when there is no such group. Joining twice changes nothing. */
export async function insertGroupMembership(db: Executor, memberId: number, groupId: number): Promise<boolean> {
  const group = await db.selectFrom('groups').select('id').where('id', '=', groupId).executeTakeFirst();
  if (!group) return false;
  await db
    .insertInto('group_memberships')
    .values({ group_id: groupId, member_id: memberId })
    .onConflict((oc) => oc.columns(['member_id', 'group_id']).doNothing())
    .execute();
  return true;
}
