import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { isOpen } from '../domain/invitation-state.js';
import { findInvitationWithSender } from '../db/repositories/invitations.js';
import { isLinkTokenSpent, spendLinkToken } from '../db/repositories/link-tokens.js';
import { suppressAddress } from '../db/repositories/mail-suppressions.js';
import { switchOffMailCategory } from '../db/repositories/settings.js';
import { inTransaction } from '../db/transaction.js';
import { tokenId, verifyLinkToken } from '../mail/link-tokens.js';
import { transitionInvitation } from './invitation-transition.js';

export type LinkOutcome =
  | { ok: true; senderId: number }
  | { ok: false; reason: 'tampered' | 'expired' | 'wrong_purpose' | 'used' | 'unavailable' };

/** What a one-click accept link would do, without doing it (for the confirmation page). */
export async function previewAcceptLink(ctx: AppContext, token: string) {
  const check = verifyLinkToken(ctx.secret, token, 'accept_invitation', ctx.clock.now());
  if (!check.ok) return check;
  if (await isLinkTokenSpent(ctx.db, tokenId(token))) return { ok: false as const, reason: 'used' as const };
  const invitation = await findInvitationWithSender(ctx.db, Number(check.claims.subject));
  if (!invitation || invitation.recipient_id !== check.claims.memberId || !isOpen(invitation.status)) {
    return { ok: false as const, reason: 'unavailable' as const };
  }
  return { ok: true as const, senderName: invitation.name, senderHeadline: invitation.headline };
}

/**
 * Accepts an invitation from a mail link. The token is spent in the same transaction as the
 * accept, so a failed accept (withdrawn meanwhile) leaves it unspent and a second click does nothing.
 */
export async function acceptFromLink(ctx: AppContext, token: string): Promise<LinkOutcome> {
  const now = ctx.clock.now();
  const check = verifyLinkToken(ctx.secret, token, 'accept_invitation', now);
  if (!check.ok) return check;
  const invitationId = Number(check.claims.subject);
  try {
    return await inTransaction(ctx.db, async (trx) => {
      if (!(await spendLinkToken(trx, tokenId(token), now))) return { ok: false, reason: 'used' } as const;
      const accepted = await transitionInvitation(trx, ctx, invitationId, { action: 'accept', by: { role: 'recipient', memberId: check.claims.memberId }, now });
      return { ok: true, senderId: accepted.sender_id } as const;
    });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, reason: 'unavailable' };
    throw error;
  }
}

/**
 * Stops mail from its unsubscribe link (RFC 8058 one-click), authorised by the signed token alone: a
 * member's link switches off one category of their mail; the link of a mail to an address that
 * belongs to no member puts the address on the suppression list, so no join mail or reminder from
 * anyone reaches it again. Repeating it changes nothing.
 */
export async function unsubscribeFromLink(ctx: AppContext, token: string): Promise<{ ok: true; category: string | null } | { ok: false; reason: string }> {
  const now = ctx.clock.now();
  const byAddress = verifyLinkToken(ctx.secret, token, 'unsubscribe_address', now);
  if (byAddress.ok) {
    await suppressAddress(ctx.db, byAddress.claims.subject, now);
    return { ok: true, category: null };
  }
  const check = verifyLinkToken(ctx.secret, token, 'unsubscribe', now);
  if (!check.ok) return check;
  const { memberId, subject: category } = check.claims;
  if (!(await switchOffMailCategory(ctx.db, memberId, category))) return { ok: false, reason: 'unavailable' };
  return { ok: true, category };
}
