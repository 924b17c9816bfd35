import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { nextStatus } from '../domain/invitation-state.js';
import { findInvitationWithSender } from '../db/repositories/invitations.js';
import { isLinkTokenSpent, spendLinkToken } from '../db/repositories/link-tokens.js';
import { suppressAddress } from '../db/repositories/mail-suppressions.js';
import { switchOffMailCategory } from '../db/repositories/settings.js';
import { inTransaction } from '../db/transaction.js';
import { tokenId, verifyLinkToken, type LinkPurpose } from '../mail/link-tokens.js';
import { answerInvitationIn } from './answer-invitation.js';
import { transitionInvitation } from './invitation-transition.js';

export type LinkOutcome =
  | { ok: true; senderId: number }
  | { ok: false; reason: 'tampered' | 'expired' | 'wrong_purpose' | 'used' | 'unavailable' };

/** The answers a one-click mail link can give, each with its own token purpose. */
export type LinkAnswer = 'accept' | 'ignore';

const PURPOSE: Record<LinkAnswer, LinkPurpose> = { accept: 'accept_invitation', ignore: 'ignore_invitation' };

/** What a one-click answer link would do, without doing it (for the confirmation page). */
export async function previewAnswerLink(ctx: AppContext, token: string, answer: LinkAnswer) {
  const check = verifyLinkToken(ctx.secret, token, PURPOSE[answer], ctx.clock.now());
  if (!check.ok) return check;
  if (await isLinkTokenSpent(ctx.db, tokenId(token))) return { ok: false as const, reason: 'used' as const };
  const invitation = await findInvitationWithSender(ctx.db, Number(check.claims.subject));
  // The transition table decides: an ignore cannot follow an ignore, an accept can.
  if (!invitation || invitation.recipient_id !== check.claims.memberId || nextStatus(invitation.status, answer) === null) {
    return { ok: false as const, reason: 'unavailable' as const };
  }
  return { ok: true as const, senderName: invitation.name, senderHeadline: invitation.headline };
}

export const previewAcceptLink = (ctx: AppContext, token: string) => previewAnswerLink(ctx, token, 'accept');

/**
 * Answers an invitation from a mail link, by the same use case as the app: an accept through the
 * one transition, an ignore through `answerInvitationIn` (the transition, then the sender's
 * standing, as `POST /invitations/{id}/ignore`). The token is spent in the same transaction as the
 * answer, so a failed answer (withdrawn meanwhile) leaves it unspent and a second click does nothing.
 */
export async function answerFromLink(ctx: AppContext, token: string, answer: LinkAnswer): Promise<LinkOutcome> {
  const now = ctx.clock.now();
  const check = verifyLinkToken(ctx.secret, token, PURPOSE[answer], now);
  if (!check.ok) return check;
  const invitationId = Number(check.claims.subject);
  const recipientId = check.claims.memberId;
  try {
    return await inTransaction(ctx.db, async (trx) => {
      if (!(await spendLinkToken(trx, tokenId(token), now))) return { ok: false, reason: 'used' } as const;
      const answered =
        answer === 'accept'
          ? await transitionInvitation(trx, ctx, invitationId, { action: 'accept', by: { role: 'recipient', memberId: recipientId }, now })
          : await answerInvitationIn(trx, ctx, recipientId, invitationId, { action: 'ignore' }, now);
      return { ok: true, senderId: answered.sender_id } as const;
    });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, reason: 'unavailable' };
    throw error;
  }
}

export const acceptFromLink = (ctx: AppContext, token: string) => answerFromLink(ctx, token, 'accept');

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
