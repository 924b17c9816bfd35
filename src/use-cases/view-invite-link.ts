import type { AppContext } from '../context.js';
import { findOpenInvitationBetween } from '../db/repositories/invitations.js';
import type { MemberRow } from '../db/schema.js';
import { areConnected } from '../graph/sql-graph.js';
import { findLiveInviteLink, type InviteLinkRow } from './manage-invite-link.js';

/** Where a signed-in visitor stands with an invite link's owner. */
export interface InviteLinkVisitor {
  isOwner: boolean;
  connected: boolean;
  invitationPending: boolean;
}

/**
 * What an invite link shows: its owner and whether it connects at once, and for a signed-in
 * visitor (`visitorId`) whether they are the owner, already connected, or have an invitation open.
 */
export async function viewInviteLink(ctx: AppContext, token: string, visitorId: number | null): Promise<{ link: InviteLinkRow; owner: MemberRow; you: InviteLinkVisitor | null }> {
  const { link, owner } = await findLiveInviteLink(ctx, token, visitorId);
  if (visitorId === null) return { link, owner, you: null };
  const isOwner = visitorId === owner.id;
  const [connected, open] = isOwner ? [false, undefined] : await Promise.all([areConnected(ctx.db, visitorId, owner.id), findOpenInvitationBetween(ctx.db, visitorId, owner.id)]);
  return { link, owner, you: { isOwner, connected, invitationPending: open !== undefined } };
}
