import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DAY_MS } from '../../src/domain/clock.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../helpers/postgres.js';

const REMINDERS = 1000;
const WORKERS = 3;
const base = process.env.DATABASE_URL;

/**
 * 1,000 due reminders, 3 worker processes on one PostgreSQL database, one of them killed with
 * SIGKILL again and again: every reminder is delivered, one mail row and one Message-ID each.
 */
describe.skipIf(!base)('exactly-once reminders across crashing workers (PostgreSQL)', () => {
  let database: Database;
  let url: string;
  let name: string;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    name = await createDatabaseFrom(base!, inject('postgresTemplate')!);
    url = databaseUrlFor(base!, name);
    database = await openDatabase({ databaseUrl: url });
    sink = await startSmtpSink();
    const now = new Date();
    const created = new Date(now.getTime() - 8 * DAY_MS);
    const [sender] = await database.db
      .insertInto('members')
      .values({ kind: 'person', email: 'sender@example.com', email_normalized: 'sender@example.com', password_hash: 'x', name: 'Sam Sender', created_at: created, manager_id: null, restricted_at: null, restriction_ends_at: null, last_lift_at: null })
      .returning('id')
      .execute();
    const recipients = await database.db
      .insertInto('members')
      .values(Array.from({ length: REMINDERS }, (_, i) => ({ kind: 'person' as const, email: `r${i}@example.com`, email_normalized: `r${i}@example.com`, password_hash: 'x', name: `Recipient ${i}`, created_at: created, manager_id: null, restricted_at: null, restriction_ends_at: null, last_lift_at: null })))
      .returning('id')
      .execute();
    await database.db.insertInto('member_settings').values(recipients.map((r) => ({ member_id: r.id, auto_withdraw_after_days: null }))).execute();
    await database.db
      .insertInto('invitations')
      .values(recipients.map((r) => ({ sender_id: sender!.id, recipient_id: r.id, recipient_email: null, recipient_email_normalized: null, note: null, how_we_met: null, status: 'pending' as const, created_at: created, last_sent_at: created, viewed_at: null, responded_at: null, ignored_at: null, report_reason: null })))
      .execute();
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await database?.close();
    await sink?.close();
    if (name) await dropDatabase(base!, name);
  });

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ['bin/rapport.mjs', 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        SMTP_URL: sink.url,
        RAPPORT_POLICY: JSON.stringify({ reminderDays: [7], mailPerRecipientPerDay: 1000 }),
        RAPPORT_WORKER_INTERVAL_MS: '50',
        RAPPORT_MAIL_LEASE_MS: '3000',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    workers.push(child);
    return child;
  }

  it('delivers every reminder once', async () => {
    const started = Date.now();
    const running = Array.from({ length: WORKERS }, () => startWorker());
    let kills = 0;
    const sent = async () =>
      Number((await sql<{ n: number }>`select count(*)::int as n from mail_messages where template = 'reminder' and status = 'sent'`.execute(database.db)).rows[0]!.n);
    while ((await sent()) < REMINDERS) {
      if (Date.now() - started > 150_000) throw new Error(`only ${await sent()} of ${REMINDERS} reminders sent in 150 s`);
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 600));
      if (kills < 25) {
        running[0]!.kill('SIGKILL');
        kills++;
        running[0] = startWorker();
      }
    }
    const seconds = (Date.now() - started) / 1000;

    const rows = await database.db.selectFrom('mail_messages').select(['message_id', 'status', 'to_email']).where('template', '=', 'reminder').execute();
    expect(rows).toHaveLength(REMINDERS);
    expect(new Set(rows.map((row) => row.to_email)).size).toBe(REMINDERS);
    const invitations = await sql<{ n: number }>`select count(*)::int as n from invitations where reminders_sent = 1`.execute(database.db);
    expect(invitations.rows[0]!.n).toBe(REMINDERS);

    const atSink = sink.mails.filter((mail) => mail.to[0]!.startsWith('r'));
    const distinct = new Set(atSink.map((mail) => mail.messageId));
    expect(distinct.size).toBe(REMINDERS);
    for (const row of rows) expect(distinct.has(row.message_id)).toBe(true);
    const duplicates = atSink.length - distinct.size;
    console.log(`exactly-once: ${REMINDERS} reminders, ${WORKERS} workers, ${kills} SIGKILLs, ${seconds.toFixed(1)} s; ${atSink.length} SMTP deliveries, ${distinct.size} distinct Message-IDs, ${duplicates} redelivered with the same Message-ID`);
  }, 200_000);
});
