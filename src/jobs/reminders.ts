import type { AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import { claimDueReminders, recordReminderSent } from '../db/repositories/invitation-reminders.js';
import { findMemberById, findMemberByProvenEmail } from '../db/repositories/members.js';
import type { MemberRow } from '../db/schema.js';
import { DAY_MS } from '../domain/clock.js';
import { initialsOf } from '../domain/member.js';
import { DEFAULT_INVITATION_MESSAGE } from '../domain/note.js';
import { acceptUrl, ignoreUrl, joinUrl } from './event-effects.js';
import { queueMail } from '../mail/mail-queue.js';

const BATCH = 200;

/**
 * Reminds recipients of invitations they have neither answered nor ignored, on the days of
 * `reminderDays` after the invitation was sent: at most that many reminders, none once it is no
 * longer pending. Counting the reminder and queuing its mail happen in one transaction, so each
 * reminder is queued exactly once however many processes run this.
 */
export async function sendDueReminders(ctx: AppContext): Promise<number> {
  const days = ctx.policy.reminderDays;
  if (days.length === 0) return 0;
  let total = 0;
  for (;;) {
    const now = ctx.clock.now();
    const done = await ctx.db.transaction().execute(async (trx) => {
      const due = await claimDueReminders(trx, days, now, BATCH);
      for (const invitation of due) {
        const sender = await memberOf(trx, invitation.sender_id);
        const number = invitation.reminders_sent + 1;
        await recordReminderSent(trx, invitation.id, number);
        const senderCard = { name: sender.name, initials: initialsOf(sender.name), headline: sender.headline };
        if (invitation.recipient_id === null) {
          // Waiting on an address: remind until a member proves it (an unproven account does not
          // silence the address's owner; see the `invitation.sent` effect).
          if ((await findMemberByProvenEmail(trx, invitation.recipient_email!)) !== undefined) continue;
          await queueMail(trx, ctx, {
            toMemberId: null,
            toEmail: invitation.recipient_email!,
            recipientName: 'there',
            content: { template: 'join', sender: senderCard, message: invitation.note ?? DEFAULT_INVITATION_MESSAGE, joinUrl: joinUrl(ctx, invitation.recipient_email!, now) },
            dedupeKey: `reminder:${invitation.id}:${number}`,
          }, now);
          continue;
        }
        const recipient = await memberOf(trx, invitation.recipient_id);
        await queueMail(trx, ctx, {
          toMemberId: recipient.id,
          toEmail: recipient.email,
          recipientName: recipient.name,
          content: {
            template: 'reminder',
            sender: senderCard,
            message: invitation.note ?? DEFAULT_INVITATION_MESSAGE,
            acceptUrl: acceptUrl(ctx, invitation.id, recipient.id, now),
            ignoreUrl: ignoreUrl(ctx, invitation.id, recipient.id, now),
            profileUrl: `${ctx.publicUrl}/members/${sender.id}`,
            daysWaiting: Math.floor((now.getTime() - invitation.created_at.getTime()) / DAY_MS),
          },
          dedupeKey: `reminder:${invitation.id}:${number}`,
        }, now);
      }
      return due.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}

/** The sender or recipient of a claimed invitation: the foreign keys say they exist. */
async function memberOf(trx: Trx, id: number): Promise<MemberRow> {
  const member = await findMemberById(trx, id);
  if (!member) throw new Error(`member ${id} of a pending invitation does not exist`);
  return member;
}
