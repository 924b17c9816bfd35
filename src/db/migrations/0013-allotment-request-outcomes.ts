import { sql, type Kysely } from 'kysely';

/**
 * What came of an allotment request, for the member who filed it: how many invitations a grant
 * added (`granted_count`; null while pending, when denied, and for requests granted before this),
 * and an index for the member's own list, newest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table allotment_requests add column granted_count integer check (granted_count > 0)`.execute(db);
  await sql`create index allotment_requests_member on allotment_requests (member_id, created_at desc, id desc)`.execute(db);
}
