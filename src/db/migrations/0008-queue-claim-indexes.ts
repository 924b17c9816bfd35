import { sql, type Kysely } from 'kysely';

/**
 * The work queues (outbox events, mail, webhook deliveries) are claimed oldest first — `order by id
 * limit n for update skip locked` — so their partial indexes are keyed by id: a claim walks the index
 * in order and stops after n live rows. Keyed by time, a claim had to gather and sort every entry
 * the index held, and an entry stays in a partial index after its row leaves the predicate (a
 * processed event, a sent mail) until the table is vacuumed: claims grew slower with every event
 * since the last vacuum, by 0.1 s an idle poll after 13,000 mails with autovacuum off. An in-order
 * index scan can also mark the dead entries it passes (once no transaction can still see their
 * rows), so that later claims skip them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index outbox_unprocessed on outbox (id) where processed_at is null`.execute(db);
  await sql`drop index outbox_due`.execute(db);
  await sql`create index mail_messages_pending on mail_messages (id) where status = 'pending'`.execute(db);
  await sql`drop index mail_messages_due`.execute(db);
  await sql`create index webhook_deliveries_pending on webhook_deliveries (id) where status = 'pending'`.execute(db);
  await sql`drop index webhook_deliveries_due`.execute(db);
}
