import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { DAY_MS } from '../domain/clock.js';
import { initialsOf } from '../domain/member.js';
import { DEFAULT_INVITATION_MESSAGE } from '../domain/note.js';
import { acceptUrl, joinUrl } from './event-effects.js';
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
      const due = await sql<{ id: number; sender_id: number; recipient_id: number | null; recipient_email: string | null; note: string | null; reminders_sent: number; created_at: Date }>`
        select id, sender_id, recipient_id, recipient_email, note, reminders_sent, created_at from invitations
        where status = 'pending' and reminders_sent < ${days.length}
          and created_at <= ${now}::timestamptz - make_interval(secs => (${sql.val(days)}::float8[])[reminders_sent + 1] * 86400)
        order by created_at limit ${BATCH}
        for update skip locked`.execute(trx);
      for (const invitation of due.rows) {
        const sender = await trx.selectFrom('members').selectAll().where('id', '=', invitation.sender_id).executeTakeFirstOrThrow();
        const number = invitation.reminders_sent + 1;
        await trx.updateTable('invitations').set({ reminders_sent: number }).where('id', '=', invitation.id).execute();
        const senderCard = { name: sender.name, initials: initialsOf(sender.name), headline: sender.headline };
        if (invitation.recipient_id === null) {
          // Waiting on an address: remind only if it still belongs to nobody.
          const owner = await trx.selectFrom('members').select('id').where('email_normalized', '=', invitation.recipient_email!.toLowerCase()).executeTakeFirst();
          if (owner) continue;
          await queueMail(trx, ctx, {
            toMemberId: null,
            toEmail: invitation.recipient_email!,
            recipientName: 'there',
            content: { template: 'join', sender: senderCard, message: invitation.note ?? DEFAULT_INVITATION_MESSAGE, joinUrl: joinUrl(ctx, invitation.recipient_email!, now) },
            dedupeKey: `reminder:${invitation.id}:${number}`,
          }, now);
          continue;
        }
        const recipient = await trx.selectFrom('members').selectAll().where('id', '=', invitation.recipient_id).executeTakeFirstOrThrow();
        await queueMail(trx, ctx, {
          toMemberId: recipient.id,
          toEmail: recipient.email,
          recipientName: recipient.name,
          content: {
            template: 'reminder',
            sender: senderCard,
            message: invitation.note ?? DEFAULT_INVITATION_MESSAGE,
            acceptUrl: acceptUrl(ctx, invitation.id, recipient.id, now),
            profileUrl: `${ctx.publicUrl}/members/${sender.id}`,
            daysWaiting: Math.floor((now.getTime() - invitation.created_at.getTime()) / DAY_MS),
          },
          dedupeKey: `reminder:${invitation.id}:${number}`,
        }, now);
      }
      return due.rows.length;
    });
    total += done;
    if (done < BATCH) return total;
  }
}
