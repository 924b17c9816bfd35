import { sql, type Kysely } from 'kysely';

/**
 * Addresses that asked for no more mail from Rapport while they belong to no member (the one-click
 * unsubscribe of a join mail or a reminder). Kept as a keyed hash of the normalised address, like
 * contacts' `email_hash`: the table says whether an address opted out, never which addresses did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table mail_suppressions (
    email_hash text primary key,
    created_at timestamptz not null
  )`.execute(db);
}
