import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { nextStatus, type InvitationAction } from '../domain/invitation-state.js';
import { lockInvitation, transitionInvitation } from '../db/repositories/invitations.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { InvitationRow, ReportReason } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { invitationForRecipient } from './invitation-access.js';
import { reviewSenderStanding } from './restrict-sender.js';

export type Answer = { action: 'ignore' } | { action: 'decline' } | { action: 'report'; reason: ReportReason };

const topics = { ignore: 'invitation.ignored', decline: 'invitation.declined', report: 'invitation.reported' } as const;

/**
 * The recipient answers without accepting. Ignore is silent and stops reminders; decline tells the
 * sender and closes the door for good; a report ("I don't know this person" or spam) also counts
 * against the sender's standing and may restrict them.
 */
export async function answerInvitation(ctx: AppContext, recipientId: number, invitationId: number, answer: Answer): Promise<InvitationRow> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const current = invitationForRecipient(await lockInvitation(trx, invitationId), recipientId);
    const action: InvitationAction = answer.action;
    const extra =
      answer.action === 'ignore' ? { ignored_at: now } : answer.action === 'report' ? { report_reason: answer.reason } : {};
    const to = nextStatus(current.status, action);
    const invitation = to ? await transitionInvitation(trx, current.id, [current.status], to, now, extra) : undefined;
    if (!invitation) throw new DomainError('invalid_state', `This invitation is ${current.status}; it can no longer be answered.`);

    const payload = { invitationId: invitation.id, senderId: invitation.sender_id, recipientId, ...(answer.action === 'report' ? { reason: answer.reason } : {}) };
    await appendEvent(trx, topics[answer.action], payload, now);
    if (answer.action === 'report') {
      await trx
        .insertInto('reports')
        .values({ invitation_id: invitation.id, reporter_id: recipientId, sender_id: invitation.sender_id, reason: answer.reason, created_at: now })
        .execute();
    }
    await reviewSenderStanding(trx, ctx, invitation.sender_id, now);
    return invitation;
  });
}
