import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { DAY_MS } from '../domain/clock.js';
import type { Trx } from '../db/database.js';
import type { MailStatus } from '../db/schema.js';
import { createLinkToken } from '../mail/link-tokens.js';
import { categoryOf, renderMail, type MailContent } from '../mail/templates.js';

export interface MailRequest {
  toMemberId: number | null;
  toEmail: string;
  recipientName: string;
  content: MailContent;
  /** Makes queuing idempotent: a second request with the same key queues nothing. */
  dedupeKey: string;
}

const UNSUBSCRIBE_LINK_DAYS = 365;

/**
 * Queues one mail in the caller's transaction, after the member's preferences (off, category off,
 * weekly digest) and the per-recipient daily cap (the rest waits for the digest). Answers the row's
 * status, or null when the same mail was queued before.
 */
export async function queueMail(trx: Trx, ctx: AppContext, request: MailRequest, now: Date): Promise<MailStatus | null> {
  const category = categoryOf[request.content.template];
  let status: MailStatus = 'pending';
  if (request.toMemberId !== null) {
    const settings = await trx
      .selectFrom('member_settings')
      .select(['email_notifications', 'email_categories', 'digest'])
      .where('member_id', '=', request.toMemberId)
      .executeTakeFirst();
    const categories = (typeof settings?.email_categories === 'string' ? JSON.parse(settings.email_categories) : settings?.email_categories) ?? {};
    if (settings && (!settings.email_notifications || categories[category] === false)) status = 'suppressed';
    else if (settings?.digest === 'weekly' && category !== 'standing' && request.content.template !== 'digest') status = 'digest';
  }
  if (status === 'pending' && request.content.template !== 'digest') {
    const recent = await sql<{ n: number }>`
      select count(*)::int as n from mail_messages
      where to_email = ${request.toEmail} and created_at > ${new Date(now.getTime() - DAY_MS)} and status in ('pending', 'sent')`.execute(trx);
    if ((recent.rows[0]?.n ?? 0) >= ctx.policy.mailPerRecipientPerDay) status = 'digest';
  }

  const unsubscribeUrl =
    request.toMemberId === null
      ? `${ctx.publicUrl}/mail/unsubscribe`
      : `${ctx.publicUrl}/mail/unsubscribe?token=${createLinkToken(ctx.secret, {
          purpose: 'unsubscribe',
          memberId: request.toMemberId,
          subject: category,
          expiresAt: now.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY_MS,
        })}`;
  const rendered = renderMail(request.content, request.recipientName, unsubscribeUrl);
  const host = new URL(ctx.publicUrl).hostname || 'rapport.local';
  const inserted = await trx
    .insertInto('mail_messages')
    .values({
      to_member_id: request.toMemberId,
      to_email: request.toEmail,
      category,
      template: request.content.template,
      subject: rendered.subject,
      html: rendered.html,
      text_body: rendered.text,
      headers: JSON.stringify({ 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
      message_id: `<${randomUUID()}@${host}>`,
      dedupe_key: request.dedupeKey,
      status,
      available_at: now,
      locked_until: null,
      created_at: now,
      sent_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('status')
    .executeTakeFirst();
  return inserted?.status ?? null;
}
