import type { AppContext } from '../context.js';
import { DAY_MS, WEEK_DAYS } from '../domain/clock.js';
import { listDigestGroups, markDigested } from '../db/repositories/mail-messages.js';
import { findMemberName } from '../db/repositories/members.js';
import { queueMail } from '../mail/mail-queue.js';

/**
 * Gathers mail held back for the digest (members who chose a weekly digest, and mail over the
 * per-recipient daily cap) into one mail per address: weekly for the former, daily for the latter.
 */
export async function sendDueDigests(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const due = await listDigestGroups(trx);
    let sent = 0;
    for (const group of due) {
      const waitMs = group.digest === 'weekly' ? WEEK_DAYS * DAY_MS : DAY_MS;
      if (now.getTime() - new Date(group.oldest).getTime() < waitMs) continue;
      const items = await markDigested(trx, group.to_email);
      if (items.length === 0) continue;
      const name = group.to_member_id === null ? undefined : await findMemberName(trx, group.to_member_id);
      await queueMail(trx, ctx, {
        toMemberId: group.to_member_id,
        toEmail: group.to_email,
        recipientName: name ?? 'there',
        content: { template: 'digest', items: items.map((item) => ({ subject: item.subject, at: item.created_at.toISOString() })), appUrl: ctx.publicUrl },
        dedupeKey: `digest:${group.to_email}:${now.toISOString()}`,
      }, now);
      sent++;
    }
    return sent;
  });
}
