import { sql } from 'kysely';
import type { Trx } from '../database.js';

/** A pending invitation due a reminder, as the reminder mail needs it. */
export interface DueReminder {
  id: number;
  sender_id: number;
  recipient_id: number | null;
  recipient_email: string | null;
  note: string | null;
  reminders_sent: number;
  created_at: Date;
}

/**
 * Locks up to `limit` pending invitations due their next reminder — the `n`-th one `days[n - 1]`
 * days after sending — oldest first, skipping those another process holds (`FOR UPDATE SKIP LOCKED`).
 */
export async function claimDueReminders(trx: Trx, days: readonly number[], now: Date, limit: number): Promise<DueReminder[]> {
  const due = await sql<DueReminder>`
        select id, sender_id, recipient_id, recipient_email, note, reminders_sent, created_at from invitations
        where status = 'pending' and reminders_sent < ${days.length}
          and created_at <= ${now}::timestamptz - make_interval(secs => (${sql.val(days)}::float8[])[reminders_sent + 1] * 86400)
        order by created_at limit ${limit}
        for update skip locked`.execute(trx);
  return due.rows;
}

/** Counts a reminder of a claimed invitation as sent: it is the `number`-th. */
export async function recordReminderSent(trx: Trx, invitationId: number, number: number): Promise<void> {
  await trx.updateTable('invitations').set({ reminders_sent: number }).where('id', '=', invitationId).execute();
}
