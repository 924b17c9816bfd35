import { sql, type Selectable } from 'kysely';
import type { Db, Executor, Trx } from '../database.js';
import type { MailMessagesTable } from '../schema.js';

export type MailMessageRow = Selectable<MailMessagesTable>;

/** The mail sent to an address, oldest first (the test clock's mailbox). */
export async function listSentMailTo(db: Executor, toEmail: string): Promise<MailMessageRow[]> {
  return db.selectFrom('mail_messages').selectAll().where('to_email', '=', toEmail).where('status', '=', 'sent').orderBy('id').execute();
}

/** The latest 100 mails, whatever became of them, newest first (the dev mailbox). */
export async function listRecentMail(db: Executor) {
  return db.selectFrom('mail_messages').select(['id', 'to_email', 'subject', 'status', 'created_at']).orderBy('id', 'desc').limit(100).execute();
}

export async function findMailHtml(db: Executor, id: number): Promise<string | undefined> {
  const mail = await db.selectFrom('mail_messages').select('html').where('id', '=', id).executeTakeFirst();
  return mail?.html;
}

/** A mail due to go out, as the transport needs it. */
export interface ClaimedMail {
  id: number;
  to_email: string;
  subject: string;
  html: string;
  text_body: string;
  message_id: string;
  headers: Record<string, string> | string;
  attempts: number;
}

/**
 * Claims up to `limit` due mails for `leaseMs` (`FOR UPDATE SKIP LOCKED`: processes share the work
 * without waiting on each other) and counts the attempt. One statement on its own, outside any
 * transaction: the lease, not a row lock, holds the claim while the mail goes out.
 */
export async function claimDueMail(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
  const claimed = await sql<ClaimedMail>`
    update mail_messages set locked_until = ${new Date(now.getTime() + leaseMs)}, attempts = attempts + 1
    where id in (
      select id from mail_messages
      where status = 'pending' and available_at <= ${now} and (locked_until is null or locked_until < ${now})
      order by id limit ${limit}
      for update skip locked)
    returning id, to_email, subject, html, text_body, message_id, headers, attempts`.execute(db);
  return claimed.rows;
}

/** Marks a claimed mail sent (unless another process's retry already settled it). */
export async function markMailSent(db: Executor, id: number, now: Date): Promise<void> {
  await db.updateTable('mail_messages').set({ status: 'sent', sent_at: now, locked_until: null }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** Records a failed attempt: tried again at `retryAt`, or given up on (`failed`). */
export async function markMailAttemptFailed(db: Executor, id: number, attempt: { failed: boolean; retryAt: Date; error: string }): Promise<void> {
  await db
    .updateTable('mail_messages')
    .set({ status: attempt.failed ? 'failed' : 'pending', available_at: attempt.retryAt, locked_until: null, last_error: attempt.error })
    .where('id', '=', id)
    .execute();
}

/** How many mails that count against the daily cap went to each of these addresses after `since`. */
export async function countMailByAddressSince(db: Executor, addresses: readonly string[], since: Date): Promise<Map<string, number>> {
  if (addresses.length === 0) return new Map();
  const counted = await sql<{ to_email: string; n: number }>`
            select to_email, count(*)::int as n from mail_messages
            where to_email = any(${sql.val(addresses)}::text[]) and created_at > ${since} and status in ('pending', 'sent')
            group by to_email`.execute(db);
  return new Map(counted.rows.map((row) => [row.to_email, row.n]));
}

/** A rendered mail to queue (see `mailRow`); its headers already JSON. */
export type QueuedMailRow = Pick<MailMessageRow, 'to_member_id' | 'to_email' | 'category' | 'template' | 'subject' | 'html' | 'text_body' | 'message_id' | 'status'> & {
  headers: string;
  dedupe_key: string;
};

/**
 * Queues the mail of a batch of events in one statement, a repeat of a dedupe key skipped. Rows go
 * in as arrays (`unnest`): one statement text whatever the batch's size, prepared once per connection.
 */
export async function insertQueuedMails(trx: Trx, m: readonly QueuedMailRow[], now: Date): Promise<void> {
  if (m.length === 0) return;
  const column = <K extends keyof QueuedMailRow>(key: K) => sql.val(m.map((r) => r[key]));
  await sql`
        insert into mail_messages (to_member_id, to_email, category, template, subject, html, text_body, headers, message_id, dedupe_key, status, available_at, created_at)
        select to_member_id, to_email, category, template, subject, html, text_body, headers::jsonb, message_id, dedupe_key, status, ${now}, ${now}
        from unnest(${column('to_member_id')}::bigint[], ${column('to_email')}::text[], ${column('category')}::text[], ${column('template')}::text[],
                    ${column('subject')}::text[], ${column('html')}::text[], ${column('text_body')}::text[], ${column('headers')}::text[],
                    ${column('message_id')}::text[], ${column('dedupe_key')}::text[], ${column('status')}::text[])
          as row(to_member_id, to_email, category, template, subject, html, text_body, headers, message_id, dedupe_key, status)
        on conflict (dedupe_key) do nothing`.execute(trx);
}

/** The addresses with mail held for a digest: who, their digest setting, and since when mail waits. */
export async function listDigestGroups(trx: Trx): Promise<{ to_email: string; to_member_id: number | null; digest: string | null; oldest: Date }[]> {
  const due = await sql<{ to_email: string; to_member_id: number | null; digest: string | null; oldest: Date }>`
      select m.to_email, min(m.to_member_id) as to_member_id, min(s.digest) as digest, min(m.created_at) as oldest
      from mail_messages m left join member_settings s on s.member_id = m.to_member_id
      where m.status = 'digest'
      group by m.to_email`.execute(trx);
  return due.rows;
}

/** Takes the mail held for an address's digest into it; answers what each said and when. */
export async function markDigested(trx: Trx, toEmail: string): Promise<{ subject: string; created_at: Date }[]> {
  return trx
    .updateTable('mail_messages')
    .set({ status: 'digested' })
    .where('to_email', '=', toEmail)
    .where('status', '=', 'digest')
    .returning(['subject', 'created_at'])
    .execute();
}
