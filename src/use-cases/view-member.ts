import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decideSend } from '../domain/send-rules.js';
import { findMemberById, isBlockedEitherWay } from '../db/repositories/members.js';
import { loadProfileParts, type ProfileParts } from '../db/repositories/profiles.js';
import type { InvitationRow, MemberRow } from '../db/schema.js';
import { graphReader } from '../graph/graph-reads.js';
import type { Degree } from '../graph/sql-graph.js';
import { primaryActionFor } from '../domain/follow.js';
import { loadInCommon, type InCommon } from '../graph/in-common.js';
import { loadProfileFollowState } from './read-follows.js';
import { loadSendFacts } from './send-invitation.js';

export interface Relationship {
  degree: Degree;
  mutualConnections: number;
  invitation: { invitation: InvitationRow; direction: 'sent' | 'received' } | null;
  canInvite: { allowed: boolean; code?: string; requiresEmail: boolean };
  following: boolean;
  /** Anyone visible may be followed but yourself: a company, a member at the connection limit. */
  canFollow: boolean;
  /** The button to show first (see `primaryActionFor`). */
  primaryAction: 'connect' | 'follow' | null;
}

/** A member as the viewer may see them; someone who blocked the viewer (or was blocked) does not exist. */
export async function findVisibleMember(ctx: AppContext, viewerId: number, memberId: number): Promise<MemberRow> {
  const member = await findMemberById(ctx.db, memberId);
  if (!member || (member.id !== viewerId && (await isBlockedEitherWay(ctx.db, viewerId, member.id)))) {
    throw new DomainError('not_found', 'No such member.');
  }
  return member;
}

/** A profile with how the viewer relates to it: degree, mutual connections, the invitation between them, and whether they may invite. */
export async function viewMember(
  ctx: AppContext,
  viewerId: number,
  memberId: number,
): Promise<{ member: MemberRow; parts: ProfileParts; relationship: Relationship; inCommon: InCommon }> {
  const member = await findVisibleMember(ctx, viewerId, memberId);
  const viewer = await findMemberById(ctx.db, viewerId);
  if (!viewer) throw new DomainError('unauthorized', 'This account no longer exists.');
  // Degree and mutual count from the in-memory index when this process runs one (caught up with
  // every committed change first), else SQL. Eligibility to invite stays on SQL (loadSendFacts).
  const graph = await graphReader(ctx);
  const now = ctx.clock.now();
  const [parts, degree, mutualConnections, facts, follow, inCommon] = await Promise.all([
    loadProfileParts(ctx.db, member.id),
    graph.degree(viewerId, member.id),
    graph.mutualCount(viewerId, member.id),
    loadSendFacts(ctx.db, ctx, viewer, member, undefined, 'valid'),
    loadProfileFollowState(ctx.db, viewerId, member.id),
    loadInCommon(ctx.db, viewerId, member.id, now.getUTCFullYear()),
  ]);
  const open = facts.openInvitation
    ? await ctx.db.selectFrom('invitations').selectAll().where('id', '=', facts.openInvitation.id).executeTakeFirst()
    : undefined;
  const decision = decideSend(facts, ctx.policy, now);
  const code = decision.ok ? undefined : decision.code;
  // With the address, a not-eligible sender (or one the recipient's setting asks it of) may still invite.
  const withEmail = !decision.ok && (decision.code === 'not_eligible' || decision.code === 'email_required')
    ? decideSend({ ...facts, emailGiven: true, emailMatches: true }, ctx.policy, now)
    : null;
  const self = member.id === viewerId;
  return {
    member,
    parts,
    inCommon,
    relationship: {
      degree,
      mutualConnections,
      invitation: open ? { invitation: open, direction: open.sender_id === viewerId ? 'sent' : 'received' } : null,
      canInvite: {
        allowed: decision.ok || withEmail?.ok === true,
        ...(code ? { code } : {}),
        requiresEmail: withEmail?.ok === true,
      },
      following: follow.following,
      canFollow: !self,
      primaryAction: primaryActionFor({ self, connected: degree === 1, followPrimary: follow.followPrimary, refusal: code }),
    },
  };
}
