import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import { findMemberSummaries, type MemberSummaryRow } from '../db/repositories/members.js';
import { primaryActionFor } from '../domain/follow.js';
import type { MemberRow } from '../db/schema.js';
import { viewMember, type Relationship, type Viewer } from './view-member.js';

/* The read model is described in follow-member.ts: explicit rows, plus connections nobody unfollowed. */

/** Members `memberId` follows, with since when: explicit follows and connections not unfollowed. */
function followingOf(memberId: number): RawBuilder<{ id: number; since: Date }> {
  return sql<{ id: number; since: Date }>`(
    select f.followee_id as id, f.created_at as since from follows f where f.follower_id = ${memberId} and f.following
    union all
    select c.other_id as id, c.created_at as since from connections c
    where c.member_id = ${memberId}
      and not exists (select 1 from follows f where f.follower_id = ${memberId} and f.followee_id = c.other_id)
  )`;
}

/** Members who follow `memberId`. */
function followersOf(memberId: number): RawBuilder<{ id: number; since: Date }> {
  return sql<{ id: number; since: Date }>`(
    select f.follower_id as id, f.created_at as since from follows f where f.followee_id = ${memberId} and f.following
    union all
    select c.other_id as id, c.created_at as since from connections c
    where c.member_id = ${memberId}
      and not exists (select 1 from follows f where f.follower_id = c.other_id and f.followee_id = ${memberId})
  )`;
}

function notBlockedWith(memberId: number) {
  return sql`not exists (select 1 from blocks b where (b.blocker_id = ${memberId} and b.blocked_id = x.id) or (b.blocker_id = x.id and b.blocked_id = ${memberId}))`;
}

export interface FollowItem {
  member: MemberSummaryRow;
  since: Date;
  connected: boolean;
  /** For followers: whether you follow them too. For following: whether they follow you. */
  mutual: boolean;
}

export interface FollowPage {
  limit: number;
  before: { at: Date; id: number } | null;
}

async function page(ctx: AppContext, memberId: number, direction: 'following' | 'followers', query: FollowPage): Promise<{ items: FollowItem[]; hasMore: boolean }> {
  const source = direction === 'following' ? followingOf(memberId) : followersOf(memberId);
  const before = query.before;
  const result = await sql<{ id: number; since: Date }>`
    select x.id, x.since from ${source} x
    where ${notBlockedWith(memberId)}
      ${before ? sql`and (x.since < ${before.at} or (x.since = ${before.at} and x.id < ${before.id}))` : sql``}
    order by x.since desc, x.id desc
    limit ${query.limit + 1}`.execute(ctx.db);
  const rows = result.rows.map((row) => ({ id: Number(row.id), since: new Date(row.since) }));
  const shown = rows.slice(0, query.limit);
  const ids = shown.map((row) => row.id);
  const [members, connected, mutual] = await Promise.all([
    findMemberSummaries(ctx.db, ids),
    connectedAmong(ctx.db, memberId, ids),
    direction === 'following' ? followersAmong(ctx.db, memberId, ids) : followingAmong(ctx.db, memberId, ids),
  ]);
  const byId = new Map(members.map((m) => [m.id, m]));
  return {
    items: shown.flatMap((row) => {
      const member = byId.get(row.id);
      return member ? [{ member, since: row.since, connected: connected.has(row.id), mutual: mutual.has(row.id) }] : [];
    }),
    hasMore: rows.length > query.limit,
  };
}

export function listFollowing(ctx: AppContext, memberId: number, query: FollowPage) {
  return page(ctx, memberId, 'following', query);
}

export function listFollowers(ctx: AppContext, memberId: number, query: FollowPage) {
  return page(ctx, memberId, 'followers', query);
}

async function connectedAmong(db: Executor, memberId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('connections').select('other_id').where('member_id', '=', memberId).where('other_id', 'in', ids).execute();
  return new Set(rows.map((row) => row.other_id));
}

/** Which of `ids` `memberId` follows. */
export async function followingAmong(db: Executor, memberId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ id: number }>`select x.id from ${followingOf(memberId)} x where x.id = any(${sql.val([...ids])}::bigint[]) and ${notBlockedWith(memberId)}`.execute(db);
  return new Set(result.rows.map((row) => Number(row.id)));
}

/** Which of `ids` follow `memberId`. */
async function followersAmong(db: Executor, memberId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ id: number }>`select x.id from ${followersOf(memberId)} x where x.id = any(${sql.val([...ids])}::bigint[]) and ${notBlockedWith(memberId)}`.execute(db);
  return new Set(result.rows.map((row) => Number(row.id)));
}

export async function countFollowers(db: Executor, memberId: number): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${followersOf(memberId)} x where ${notBlockedWith(memberId)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

export async function countFollowing(db: Executor, memberId: number): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${followingOf(memberId)} x where ${notBlockedWith(memberId)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

export interface FollowStateColumns {
  following: boolean;
  follow_primary: boolean;
}

/** Whether the viewer follows the member, and whether the member asked for Follow as their primary button: two columns of one row. */
export function followStateColumns(viewerId: number, memberId: number) {
  return sql<FollowStateColumns>`
    exists (select 1 from ${followingOf(viewerId)} x where x.id = ${memberId}) as following,
    coalesce((select p.follow_primary from follow_preferences p where p.member_id = ${memberId}), false) as follow_primary`;
}

export function followStateFrom(row: FollowStateColumns | undefined, viewerId: number, memberId: number): { following: boolean; followPrimary: boolean } {
  return { following: viewerId !== memberId && row?.following === true, followPrimary: row?.follow_primary === true };
}

export async function loadFollowPrimary(db: Executor, memberId: number): Promise<boolean> {
  const row = await db.selectFrom('follow_preferences').select('follow_primary').where('member_id', '=', memberId).executeTakeFirst();
  return row?.follow_primary ?? false;
}

export interface FollowRelationship {
  following: boolean;
  followedBy: boolean;
  connected: boolean;
  /** Following is open to anyone visible — a company page, a member at `maxConnections` — but yourself. */
  canFollow: boolean;
  canConnect: { allowed: boolean; code?: string; requiresEmail: boolean };
  /** The member asked for Follow as their primary button. */
  followPrimary: boolean;
  /** The button to show first: Follow when they asked for it or connecting is closed for good (company, connection limit); null once connected. */
  primaryAction: 'connect' | 'follow' | null;
  followers: number;
}

/**
 * How the viewer relates to a member as a follower: both directions, whether each button is open,
 * and which comes first. `GET /members/{id}` can fold it into the profile's `relationship` with the
 * degree and `canInvite` it already has: `followRelationshipFor(ctx, viewerId, member, relationship)`.
 */
export async function followRelationshipFor(
  ctx: AppContext,
  viewerId: number,
  member: MemberRow,
  relationship: Pick<Relationship, 'degree' | 'canInvite'>,
): Promise<FollowRelationship> {
  const self = member.id === viewerId;
  const [following, followedBy, followPrimary, followers] = await Promise.all([
    self ? Promise.resolve(new Set<number>()) : followingAmong(ctx.db, viewerId, [member.id]),
    self ? Promise.resolve(new Set<number>()) : followingAmong(ctx.db, member.id, [viewerId]),
    loadFollowPrimary(ctx.db, member.id),
    countFollowers(ctx.db, member.id),
  ]);
  const connected = relationship.degree === 1;
  return {
    following: following.has(member.id),
    followedBy: followedBy.has(viewerId),
    connected,
    canFollow: !self,
    canConnect: relationship.canInvite,
    followPrimary,
    primaryAction: primaryActionFor({ self, connected, followPrimary, refusal: relationship.canInvite.code }),
    followers,
  };
}

/** The same, for a member id: `not_found` for a member who is not there or blocked either way. */
export async function followRelationship(ctx: AppContext, viewer: Viewer, memberId: number): Promise<FollowRelationship> {
  const { member, relationship } = await viewMember(ctx, viewer, memberId);
  return followRelationshipFor(ctx, viewer.id, member, relationship);
}
