import { sql, type Kysely } from 'kysely';

/**
 * When a contact's member match was first shown to its owner. A contact import could otherwise
 * answer, for 50,000 guessed addresses a request, which are members and who they are; now only
 * `contactMembersShownPerDay` matches are shown in any 24 hours (counted through the partial index),
 * the rest stay plain contacts until the allowance frees up. Contacts stored before this keep their
 * matches: they are marked shown at the epoch, outside every window.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table contacts add column member_shown_at timestamptz`.execute(db);
  await sql`update contacts set member_shown_at = 'epoch'`.execute(db);
  await sql`create index contacts_member_shown on contacts (owner_id, member_shown_at) where member_shown_at is not null`.execute(db);
}
