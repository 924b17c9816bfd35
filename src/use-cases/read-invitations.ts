import type { AppContext } from '../context.js';
import { READS_PENDING_TO_SENDER } from '../domain/invitation-state.js';
import { findInvitation } from '../db/repositories/invitations.js';
import { listReceivedInvitations, listSentInvitations, markInvitationViewed } from '../db/repositories/invitation-lists.js';
import type { KeysetCursor } from '../db/keyset.js';
import type { InvitationRow, InvitationStatus } from '../db/schema.js';
import { findMemberSummaries, type MemberSummaryRow } from '../db/repositories/members.js';
import { graphReader } from '../graph/graph-reads.js';
import { invitationForParty } from './invitation-access.js';

export interface InvitationView {
  invitation: InvitationRow;
  role: 'sender' | 'recipient';
}

/** Opens one invitation. The recipient's first look sets `viewedAt`. */
export async function openInvitation(ctx: AppContext, memberId: number, invitationId: number): Promise<InvitationView> {
  const { invitation, role } = invitationForParty(await findInvitation(ctx.db, invitationId), memberId);
  if (role === 'recipient' && invitation.viewed_at === null && invitation.status === 'pending') {
    const viewed = await markInvitationViewed(ctx.db, invitation.id, ctx.clock.now());
    return { invitation: viewed ?? invitation, role };
  }
  return { invitation, role };
}

export interface ReceivedQuery {
  status: InvitationStatus;
  q?: string | undefined;
  limit: number;
  cursor: KeysetCursor | null;
}

/** Invitations a member received, newest first; withdrawn ones are gone for the recipient. */
export async function listReceived(ctx: AppContext, memberId: number, query: ReceivedQuery): Promise<InvitationRow[]> {
  return listReceivedInvitations(ctx.db, memberId, query.status, query.limit + 1, query.cursor, query.q);
}

export interface SentQuery {
  /** As the sender sees it: `pending` includes silently ignored and reported ones. */
  status?: InvitationStatus | undefined;
  /** Text the recipient's name, or the address the invitation went to, contains. */
  q?: string | undefined;
  limit: number;
  cursor: KeysetCursor | null;
}

export async function listSent(ctx: AppContext, memberId: number, query: SentQuery): Promise<InvitationRow[]> {
  const status = query.status === 'pending' ? READS_PENDING_TO_SENDER : query.status;
  return listSentInvitations(ctx.db, memberId, status, query.limit + 1, query.cursor, query.q || undefined);
}

function partyIds(viewerId: number, rows: readonly InvitationRow[]): number[] {
  const ids = new Set<number>([viewerId]);
  for (const row of rows) {
    ids.add(row.sender_id);
    if (row.recipient_id !== null) ids.add(row.recipient_id);
  }
  return [...ids];
}

/** The members an invitation list mentions, the viewer included, in one query. */
export async function loadInvitationMembers(ctx: AppContext, viewerId: number, rows: readonly InvitationRow[], extra: readonly number[] = []): Promise<Map<number, MemberSummaryRow>> {
  const members = await findMemberSummaries(ctx.db, [...new Set([...partyIds(viewerId, rows), ...extra])]);
  const byId = new Map<number, MemberSummaryRow>(members.map((m) => [m.id, m]));
  if (!byId.has(viewerId)) throw new Error(`member ${viewerId} not found`);
  return byId;
}

/** The members an invitation list mentions, and the viewer's mutual connections with each. */
export async function loadInvitationParties(ctx: AppContext, viewerId: number, rows: readonly InvitationRow[]) {
  const others = partyIds(viewerId, rows).filter((id) => id !== viewerId);
  const graph = await graphReader(ctx, { freshness: 'screen' });
  const [members, mutuals] = await Promise.all([loadInvitationMembers(ctx, viewerId, rows), graph.mutualCounts(viewerId, others)]);
  return { members, mutuals };
}

/**
 * A received list's parties, the viewer's mutual connections with each sender, and for each sender
 * the best-connected member the viewer and they both know: the graph from the index, the members in
 * one query.
 */
export async function loadReceivedParties(ctx: AppContext, viewerId: number, rows: readonly InvitationRow[]) {
  const senders = [...new Set(rows.map((row) => row.sender_id))].filter((id) => id !== viewerId);
  const graph = await graphReader(ctx, { freshness: 'screen' });
  const mutuals = await graph.mutualCounts(viewerId, partyIds(viewerId, rows).filter((id) => id !== viewerId));
  const withMutuals = senders.filter((id) => (mutuals.get(id) ?? 0) > 0);
  const firsts = await Promise.all(withMutuals.map(async (id) => [id, (await graph.mutualList(viewerId, id, 1, 0))[0]] as const));
  const members = await loadInvitationMembers(ctx, viewerId, rows, firsts.flatMap(([, mutual]) => (mutual === undefined ? [] : [mutual])));
  const top = new Map(firsts.flatMap(([sender, mutual]) => (mutual !== undefined && members.has(mutual) ? [[sender, members.get(mutual)!] as const] : [])));
  return { members, mutuals, top };
}
