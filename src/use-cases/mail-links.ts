import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { lockInvitation } from '../db/repositories/invitations.js';
import { inTransaction } from '../db/transaction.js';
import { tokenId, verifyLinkToken } from '../mail/link-tokens.js';
import { acceptWithin } from './accept-invitation.js';

export type LinkOutcome =
  | { ok: true; senderId: number }
  | { ok: false; reason: 'tampered' | 'expired' | 'wrong_purpose' | 'used' | 'unavailable' };

/** What a one-click accept link would do, without doing it (for the confirmation page). */
export async function previewAcceptLink(ctx: AppContext, token: string) {
  const check = verifyLinkToken(ctx.secret, token, 'accept_invitation', ctx.clock.now());
  if (!check.ok) return check;
  const used = await ctx.db.selectFrom('used_link_tokens').select('token_id').where('token_id', '=', tokenId(token)).executeTakeFirst();
  if (used) return { ok: false as const, reason: 'used' as const };
  const invitation = await ctx.db
    .selectFrom('invitations')
    .innerJoin('members', 'members.id', 'invitations.sender_id')
    .select(['invitations.status', 'invitations.recipient_id', 'members.name', 'members.headline'])
    .where('invitations.id', '=', Number(check.claims.subject))
    .executeTakeFirst();
  if (!invitation || invitation.recipient_id !== check.claims.memberId || !['pending', 'ignored'].includes(invitation.status)) {
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
      const spent = await trx
        .insertInto('used_link_tokens')
        .values({ token_id: tokenId(token), used_at: now })
        .onConflict((oc) => oc.column('token_id').doNothing())
        .returning('token_id')
        .executeTakeFirst();
      if (!spent) return { ok: false, reason: 'used' } as const;
      const invitation = await lockInvitation(trx, invitationId);
      if (!invitation || invitation.recipient_id !== check.claims.memberId) return { ok: false, reason: 'unavailable' } as const;
      const accepted = await acceptWithin(trx, ctx, invitationId, now, 'accepted');
      return { ok: true, senderId: accepted.invitation.sender_id } as const;
    });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, reason: 'unavailable' };
    throw error;
  }
}

/** Switches off one category of mail from its unsubscribe link (RFC 8058 one-click). */
export async function unsubscribeFromLink(ctx: AppContext, token: string): Promise<{ ok: true; category: string } | { ok: false; reason: string }> {
  const check = verifyLinkToken(ctx.secret, token, 'unsubscribe', ctx.clock.now());
  if (!check.ok) return check;
  const { memberId, subject: category } = check.claims;
  const settings = await ctx.db.selectFrom('member_settings').select('email_categories').where('member_id', '=', memberId).executeTakeFirst();
  if (!settings) return { ok: false, reason: 'unavailable' };
  const current = typeof settings.email_categories === 'string' ? JSON.parse(settings.email_categories) : settings.email_categories;
  await ctx.db
    .updateTable('member_settings')
    .set({ email_categories: JSON.stringify({ ...current, [category]: false }) })
    .where('member_id', '=', memberId)
    .execute();
  return { ok: true, category };
}
