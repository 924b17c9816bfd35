import type { AppContext } from '../context.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import type { InvitationRow } from '../db/schema.js';
import { acceptInvitation } from './accept-invitation.js';
import { findLiveInviteLink } from './manage-invite-link.js';
import { sendInvitation } from './send-invitation.js';

export interface LinkConnection {
  invitation: InvitationRow;
  /** `sent`: waiting for the owner; `auto_accepted`: the link accepts at once; `crossing`: the owner had invited the visitor. */
  how: 'sent' | 'auto_accepted' | 'crossing';
}

/**
 * A signed-in visitor opens a member's invite-me link and asks to connect. It is the visitor's
 * invitation (the visitor's quota and standing, never the owner's), sent through `sendInvitation`
 * with the owner's address: the owner published the link, which is as good as having given the
 * visitor the address, so eligibility and an `email_or_contacts` setting are met. The address is
 * not kept on the invitation: the visitor never sees it. With `autoAccept` the owner accepts at once.
 */
export async function connectByInviteLink(ctx: AppContext, visitorId: number, token: string, input: { note?: string | undefined }): Promise<LinkConnection> {
  const { link, owner } = await findLiveInviteLink(ctx, token, visitorId);
  if (owner.id === visitorId) throw new DomainError('cannot_invite_self', 'This is your own invitation link.');
  const result = await sendInvitation(ctx, visitorId, { recipientId: owner.id, email: owner.email, note: input.note, source: 'link' });
  if (result.kind === 'crossing_accepted') return { invitation: result.invitation, how: 'crossing' };

  const invitation = result.invitation;
  if (!link.auto_accept) return { invitation, how: 'sent' };
  try {
    const accepted = await acceptInvitation(ctx, owner.id, invitation.id);
    return { invitation: accepted.invitation, how: 'auto_accepted' };
  } catch (error) {
    // Could not connect now (a cap reached meanwhile): the invitation waits for the owner as usual.
    if (isDomainError(error)) return { invitation, how: 'sent' };
    throw error;
  }
}
