import type { AppContext } from '../context.js';
import { connectedAmong } from '../db/repositories/connections.js';
import { countFollowers, followersAmong, followingAmong, listFollowPage, loadFollowPrimary } from '../db/repositories/follows.js';
import { findMemberSummaries, type MemberSummaryRow } from '../db/repositories/members.js';
import { primaryActionFor } from '../domain/follow.js';
import type { MemberRow } from '../db/schema.js';
import { viewMember, type Relationship, type Viewer } from './view-member.js';

/* The read model is described in follow-member.ts: explicit rows, plus connections nobody unfollowed. */

export { countFollowers, countFollowing, loadFollowPrimary } from '../db/repositories/follows.js';

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
  const rows = await listFollowPage(ctx.db, memberId, direction, query.limit + 1, query.before);
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
