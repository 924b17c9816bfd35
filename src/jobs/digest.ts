import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { DAY_MS, WEEK_DAYS } from '../domain/clock.js';
import { queueMail } from '../mail/mail-queue.js';

/**
 * Gathers mail held back for the digest (members who chose a weekly digest, and mail over the
 * per-recipient daily cap) into one mail per address: weekly for the former, daily for the latter.
 */
export async function sendDueDigests(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const due = await sql<{ to_email: string; to_member_id: number | null; digest: string | null; oldest: Date }>`
      select m.to_email, min(m.to_member_id) as to_member_id, min(s.digest) as digest, min(m.created_at) as oldest
      from mail_messages m left join member_settings s on s.member_id = m.to_member_id
      where m.status = 'digest'
      group by m.to_email`.execute(trx);
    let sent = 0;
    for (const group of due.rows) {
      const waitMs = group.digest === 'weekly' ? WEEK_DAYS * DAY_MS : DAY_MS;
      if (now.getTime() - new Date(group.oldest).getTime() < waitMs) continue;
      const items = await trx
        .updateTable('mail_messages')
        .set({ status: 'digested' })
        .where('to_email', '=', group.to_email)
        .where('status', '=', 'digest')
        .returning(['subject', 'created_at'])
        .execute();
      if (items.length === 0) continue;
      const member = group.to_member_id === null ? undefined : await trx.selectFrom('members').select(['name']).where('id', '=', group.to_member_id).executeTakeFirst();
      await queueMail(trx, ctx, {
        toMemberId: group.to_member_id,
        toEmail: group.to_email,
        recipientName: member?.name ?? 'there',
        content: { template: 'digest', items: items.map((item) => ({ subject: item.subject, at: item.created_at.toISOString() })), appUrl: ctx.publicUrl },
        dedupeKey: `digest:${group.to_email}:${now.toISOString()}`,
      }, now);
      sent++;
    }
    return sent;
  });
}
