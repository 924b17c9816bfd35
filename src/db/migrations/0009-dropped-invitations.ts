import { sql, type Kysely } from 'kysely';

/**
 * An invitation sent to an address whose owner the rules do not let the sender invite (they
 * blocked, declined or reported the sender, are connected already, accept invitations from
 * contacts only, are a company page…) is kept, counted against the sender, and reaches nobody:
 * `dropped_at` says when the rules dropped it. It reads "pending" to its sender until it expires,
 * like any invitation its recipient has not answered, so the answer tells nothing about the address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table invitations add column dropped_at timestamptz`.execute(db);
}
