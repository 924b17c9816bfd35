import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { addDays } from '../domain/clock.js';
import { HIDEABLE_STATUSES } from '../domain/invitation-state.js';
import { decideResend, type SenderFacts } from '../domain/sender-view.js';
import { findOpenSentBefore, hideFromSender, lockInvitation, markResent } from '../db/repositories/invitations.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { InvitationRow, InvitationStatus } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { invitationForSender } from './invitation-access.js';
import { transitionInvitation } from './invitation-transition.js';

export function senderFactsOf(invitation: InvitationRow): SenderFacts {
  return { status: invitation.status, viewedAt: invitation.viewed_at, lastSentAt: invitation.last_sent_at, resendCount: invitation.resend_count };
}

/**
 * The sender takes an invitation back. Silent to the recipient (it leaves their list), still
 * counted against the sender's quota, and it starts the re-invite waiting period.
 */
export async function withdrawInvitation(ctx: AppContext, senderId: number, invitationId: number): Promise<InvitationRow> {
  return inTransaction(ctx.db, (trx) => transitionInvitation(trx, ctx, invitationId, { action: 'withdraw', by: { role: 'sender', memberId: senderId }, now: ctx.clock.now() }));
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
    const invitation = await markResent(trx, current.id, now);
    await appendEvent(trx, 'invitation.resent', { invitationId: invitation.id, senderId, recipientId: invitation.recipient_id }, now);
    return invitation;
  });
}

/** The sender tidies a finished invitation out of their sent list. */
export async function hideSentInvitation(ctx: AppContext, senderId: number, invitationId: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const current = invitationForSender(await lockInvitation(trx, invitationId), senderId);
    if (!(HIDEABLE_STATUSES as readonly InvitationStatus[]).includes(current.status)) {
      throw new DomainError('invalid_state', 'Only a withdrawn, expired, declined or accepted invitation can be removed from the list.');
    }
    await hideFromSender(trx, current.id);
  });
}

/** Withdraws every invitation the sender still has pending that is older than `days` days. */
export async function withdrawOlderThan(ctx: AppContext, senderId: number, days: number): Promise<number> {
  const candidates = await findOpenSentBefore(ctx.db, senderId, addDays(ctx.clock.now(), -days));
  let withdrawn = 0;
  for (const id of candidates) {
    try {
      await withdrawInvitation(ctx, senderId, id);
      withdrawn++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return withdrawn;
}
