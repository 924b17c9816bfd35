import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { canWithdraw, decideResend, type SenderFacts } from '../domain/sender-view.js';
import { lockInvitation, transitionInvitation } from '../db/repositories/invitations.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { InvitationRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { invitationForSender } from './invitation-access.js';

export function senderFactsOf(invitation: InvitationRow): SenderFacts {
  return { status: invitation.status, viewedAt: invitation.viewed_at, lastSentAt: invitation.last_sent_at, resendCount: invitation.resend_count };
}

/**
 * The sender takes an invitation back. Silent to the recipient (it leaves their list), still
 * counted against the sender's quota, and it starts the re-invite waiting period.
 */
export async function withdrawInvitation(ctx: AppContext, senderId: number, invitationId: number): Promise<InvitationRow> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const current = invitationForSender(await lockInvitation(trx, invitationId), senderId);
    const decision = canWithdraw(senderFactsOf(current), ctx.policy);
    if (!decision.ok) throw new DomainError('withdraw_unavailable', `This invitation cannot be withdrawn: ${decision.reason}.`);
    const invitation = await transitionInvitation(trx, current.id, [current.status], 'withdrawn', now);
    if (!invitation) throw new DomainError('withdraw_unavailable', 'This invitation cannot be withdrawn any more.');
    await appendEvent(trx, 'invitation.withdrawn', { invitationId: invitation.id, senderId, recipientId: invitation.recipient_id }, now);
    return invitation;
  });
}

/** The sender reminds the recipient of a pending invitation (`resendMinDays` apart, `maxResends` times). */
export async function resendInvitation(ctx: AppContext, senderId: number, invitationId: number): Promise<InvitationRow> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const current = invitationForSender(await lockInvitation(trx, invitationId), senderId);
    const decision = decideResend(senderFactsOf(current), ctx.policy, now);
    if (!decision.ok) {
      throw new DomainError('resend_unavailable', `This invitation cannot be resent now: ${decision.reason}.`, {
        ...(decision.retryAfter ? { retryAfter: decision.retryAfter.toISOString() } : {}),
      });
    }
    const invitation = await trx
      .updateTable('invitations')
      .set((eb) => ({ last_sent_at: now, resend_count: eb('resend_count', '+', 1) }))
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, 'invitation.resent', { invitationId: invitation.id, senderId, recipientId: invitation.recipient_id }, now);
    return invitation;
  });
}

const HIDEABLE = new Set(['withdrawn', 'expired', 'declined', 'accepted']);

/** The sender tidies a finished invitation out of their sent list. */
export async function hideSentInvitation(ctx: AppContext, senderId: number, invitationId: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const current = invitationForSender(await lockInvitation(trx, invitationId), senderId);
    if (!HIDEABLE.has(current.status)) {
      throw new DomainError('invalid_state', 'Only a withdrawn, expired, declined or accepted invitation can be removed from the list.');
    }
    await trx.updateTable('invitations').set({ sender_hidden: true }).where('id', '=', current.id).execute();
  });
}

/** Withdraws every invitation the sender still has pending that is older than `days` days. */
export async function withdrawOlderThan(ctx: AppContext, senderId: number, days: number): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - days * 24 * 60 * 60 * 1000);
  const candidates = await ctx.db
    .selectFrom('invitations')
    .select('id')
    .where('sender_id', '=', senderId)
    .where('status', 'in', ['pending', 'ignored'])
    .where('created_at', '<', cutoff)
    .execute();
  let withdrawn = 0;
  for (const { id } of candidates) {
    try {
      await withdrawInvitation(ctx, senderId, id);
      withdrawn++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return withdrawn;
}
