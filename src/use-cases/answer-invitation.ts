import type { AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import type { InvitationRow, ReportReason } from '../db/schema.js';
import { insertReport } from '../db/repositories/invitation-writes.js';
import { inTransaction } from '../db/transaction.js';
import { transitionInvitation } from './invitation-transition.js';
import { reviewSenderStanding } from './restrict-sender.js';

export type Answer = { action: 'ignore' } | { action: 'decline' } | { action: 'report'; reason: ReportReason };

/**
 * The recipient answers without accepting. Ignore is silent and stops reminders; decline tells the
 * sender and closes the door for good; a report ("I don't know this person" or spam) also counts
 * against the sender's standing and may restrict them.
 */
export async function answerInvitation(ctx: AppContext, recipientId: number, invitationId: number, answer: Answer): Promise<InvitationRow> {
  return inTransaction(ctx.db, (trx) => answerInvitationIn(trx, ctx, recipientId, invitationId, answer, ctx.clock.now()));
}

/** The same answer inside the caller's transaction (a mail link spends its token in it too). */
export async function answerInvitationIn(trx: Trx, ctx: AppContext, recipientId: number, invitationId: number, answer: Answer, now: Date): Promise<InvitationRow> {
  const invitation = await transitionInvitation(trx, ctx, invitationId, {
    action: answer.action,
    by: { role: 'recipient', memberId: recipientId },
    now,
    ...(answer.action === 'report' ? { reason: answer.reason } : {}),
  });
  if (answer.action === 'report') {
    await insertReport(trx, { invitation_id: invitation.id, reporter_id: recipientId, sender_id: invitation.sender_id, reason: answer.reason, created_at: now });
  }
  await reviewSenderStanding(trx, ctx, invitation.sender_id, now);
  return invitation;
}
