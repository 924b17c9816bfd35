import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decideSend, type SendFacts } from '../domain/send-rules.js';
import { emailHash } from '../db/repositories/contacts.js';
import { findInvitation } from '../db/repositories/invitations.js';
import { findMemberById, isBlockedEitherWay } from '../db/repositories/members.js';
import { loadPairFactsWithSender } from '../db/repositories/send-facts.js';
import type { ProfileParts } from '../db/repositories/profiles.js';
import type { InvitationRow, MemberRow } from '../db/schema.js';
import { graphReader, type GraphReader } from '../graph/graph-reads.js';
import type { Degree } from '../graph/sql-graph.js';
import { primaryActionFor } from '../domain/follow.js';
import type { InCommon } from '../graph/in-common.js';
import { loadProfileView } from '../graph/profile-view.js';
import { sendFactsOf, type LoadedSendFacts } from './send-facts.js';

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

/**
 * Degree and mutual count from the graph reader. The facts (committed data) already say whether the
 * two are connected or share a connection; when the index, read at screen freshness, disagrees on
 * that, it has not seen a recent change yet (one made through another process): it catches up first,
 * so the pair's own degree is always what is committed and the mutual count agrees with it.
 */
async function relationshipInGraph(ctx: AppContext, graph: GraphReader, viewerId: number, memberId: number, facts: SendFacts): Promise<{ degree: Degree; mutualConnections: number }> {
  let degree = await graph.degree(viewerId, memberId);
  const committed: Degree | 'farther' = facts.connected ? 1 : facts.withinSecondDegree ? 2 : 'farther';
  const agrees = committed === 'farther' ? degree === 3 || degree === null : degree === committed;
  if (viewerId !== memberId && graph.source === 'index' && !agrees) {
    graph = await graphReader(ctx);
    degree = await graph.degree(viewerId, memberId);
  }
  return { degree, mutualConnections: await graph.mutualCount(viewerId, memberId) };
}

/** Who is looking: the member behind the request, with their address (known from their token). */
export interface Viewer {
  id: number;
  email: string;
}

/**
 * The facts of `canInvite` between viewer and member, with both rows, in one statement: the
 * viewer's address is enough to start (the contacts check needs its keyed hash), and the rest of
 * the viewer's row comes with the facts.
 */
async function loadViewFacts(ctx: AppContext, viewer: Viewer, memberId: number, now: Date): Promise<LoadedSendFacts | undefined> {
  const pair = await loadPairFactsWithSender(ctx.db, viewer, memberId, emailHash(ctx.secret, viewer.email), now);
  if (!pair) return undefined;
  if (!pair.sender) throw new DomainError('unauthorized', 'This account no longer exists.');
  return sendFactsOf(pair.sender, pair, undefined, 'valid', now);
}

/** A profile with how the viewer relates to it: degree, mutual connections, the invitation between them, and whether they may invite. */
export async function viewMember(
  ctx: AppContext,
  viewer: Viewer,
  memberId: number,
): Promise<{ member: MemberRow; parts: ProfileParts; relationship: Relationship; inCommon: InCommon }> {
  const viewerId = viewer.id;
  const now = ctx.clock.now();
  // Both rows, blocks and everything `canInvite` reads come in one statement (`loadViewFacts`, on
  // committed data); the profile's parts, follow state and what the two have in common in another
  // (`loadProfileView`), side by side. Degree and mutual count come from the in-memory index when
  // this process runs one (as fresh as a screen needs: see `Freshness`), else SQL.
  const [loaded, { parts, follow, inCommon }, graph] = await Promise.all([
    loadViewFacts(ctx, viewer, memberId, now),
    loadProfileView(ctx.db, viewerId, memberId, now.getUTCFullYear()),
    graphReader(ctx, { freshness: 'screen' }),
  ]);
  if (!loaded || (loaded.recipient.id !== viewerId && loaded.blocked)) throw new DomainError('not_found', 'No such member.');
  const { recipient: member, facts } = loaded;
  const { degree, mutualConnections } = await relationshipInGraph(ctx, graph, viewerId, member.id, facts);
  const open = facts.openInvitation ? await findInvitation(ctx.db, facts.openInvitation.id) : undefined;
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
