import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { DAY_MS } from '../domain/clock.js';
import type { Policy } from '../domain/policy.js';
import type { Trx } from '../db/database.js';
import type { MailStatus } from '../db/schema.js';
import { findSuppressedHashes, suppressionHash } from '../db/repositories/mail-suppressions.js';
import { createLinkToken } from './link-tokens.js';
import { categoryOf, renderMail, type MailContent } from './templates.js';

export interface MailRequest {
  toMemberId: number | null;
  toEmail: string;
  recipientName: string;
  content: MailContent;
  /** Makes queuing idempotent: a second request with the same key queues nothing. */
  dedupeKey: string;
}

/** A member's mail preferences, as `member_settings` holds them (none: the defaults). */
export interface MailPreferences {
  email_notifications: boolean;
  email_categories: Record<string, boolean> | string | null;
  digest: 'off' | 'weekly';
}

/**
 * What becomes of a mail: suppressed when the recipient switched mail or its category off, held for
 * the weekly digest when they chose it (standing mail always goes out), and held for the digest too
 * once `mailPerRecipientPerDay` mails went to the address in the last day.
 */
export function mailStatusFor(content: MailContent, preferences: MailPreferences | undefined, sentInLastDay: number, policy: Policy): MailStatus {
  const category = categoryOf[content.template];
  const categories = (typeof preferences?.email_categories === 'string' ? JSON.parse(preferences.email_categories) : preferences?.email_categories) ?? {};
  if (preferences && (!preferences.email_notifications || categories[category] === false)) return 'suppressed';
  if (preferences?.digest === 'weekly' && category !== 'standing' && content.template !== 'digest') return 'digest';
  if (content.template !== 'digest' && sentInLastDay >= policy.mailPerRecipientPerDay) return 'digest';
  return 'pending';
}

/**
 * Whether a mail heeds the suppression list: mail to an address that belongs to no member (a join
 * mail, its reminders), whoever sends it. Members choose their mail in their settings instead, and
 * standing mail (proving an address) goes to whoever asked for it.
 */
export function heedsSuppressionList(request: MailRequest): boolean {
  return request.toMemberId === null && categoryOf[request.content.template] !== 'standing';
}

/** Whether a mail of this status counts against the recipient's daily cap. */
export function countsTowardsDailyCap(status: MailStatus): boolean {
  return status === 'pending' || status === 'sent';
}

/** The window the daily cap counts mails in. */
export function dailyCapSince(now: Date): Date {
  return new Date(now.getTime() - DAY_MS);
}

/**
 * The `mail_messages` row of a queued mail: rendered, with its signed one-click unsubscribe link
 * (RFC 8058) and Message-ID. A member's link switches off the mail's category; an address's puts
 * the address on the suppression list, with no account needed.
 */
export function mailRow(ctx: AppContext, request: MailRequest, status: MailStatus, now: Date) {
  const category = categoryOf[request.content.template];
  const expiresAt = now.getTime() + ctx.policy.unsubscribeLinkDays * DAY_MS;
  const token =
    request.toMemberId === null
      ? createLinkToken(ctx.secret, { purpose: 'unsubscribe_address', memberId: 0, subject: suppressionHash(ctx.secret, request.toEmail), expiresAt })
      : createLinkToken(ctx.secret, { purpose: 'unsubscribe', memberId: request.toMemberId, subject: category, expiresAt });
  const unsubscribeUrl = `${ctx.publicUrl}/mail/unsubscribe?token=${token}`;
  const rendered = renderMail(request.content, request.recipientName, unsubscribeUrl);
  const host = new URL(ctx.publicUrl).hostname || 'rapport.local';
  return {
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
  };
}

/**
 * Queues one mail in the caller's transaction, after the suppression list (`heedsSuppressionList`),
 * the member's preferences and the per-recipient daily cap (see `mailStatusFor`). Answers the row's status, or null when the same mail was queued
 * before. The outbox worker queues a batch's mail at once instead (`EventEffects`).
 */
export async function queueMail(trx: Trx, ctx: AppContext, request: MailRequest, now: Date): Promise<MailStatus | null> {
  const preferences =
    request.toMemberId === null
      ? undefined
      : await trx.selectFrom('member_settings').select(['email_notifications', 'email_categories', 'digest']).where('member_id', '=', request.toMemberId).executeTakeFirst();
  let sentInLastDay = 0;
  if (mailStatusFor(request.content, preferences, 0, ctx.policy) === 'pending' && request.content.template !== 'digest') {
    const recent = await sql<{ n: number }>`
      select count(*)::int as n from mail_messages
      where to_email = ${request.toEmail} and created_at > ${dailyCapSince(now)} and status in ('pending', 'sent')`.execute(trx);
    sentInLastDay = recent.rows[0]?.n ?? 0;
  }
  const suppressed = heedsSuppressionList(request) && (await findSuppressedHashes(trx, [suppressionHash(ctx.secret, request.toEmail)])).size > 0;
  const status = suppressed ? 'suppressed' : mailStatusFor(request.content, preferences, sentInLastDay, ctx.policy);
  const inserted = await trx
    .insertInto('mail_messages')
    .values(mailRow(ctx, request, status, now))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('status')
    .executeTakeFirst();
  return inserted?.status ?? null;
}
