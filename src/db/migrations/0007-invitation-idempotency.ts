import { sql, type Kysely } from 'kysely';

/** The Idempotency-Key a send came with: a retry after a crash finds the invitation it made. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table invitations add column idempotency_key text`.execute(db);
  await sql`create unique index invitations_idempotency on invitations (sender_id, idempotency_key) where idempotency_key is not null`.execute(db);
}
