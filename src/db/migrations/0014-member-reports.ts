import { sql, type Kysely } from 'kysely';

/**
 * Reports of a member made outside an invitation: from their profile or a conversation. One per
 * reporter and member, so reporting again changes nothing. Admins review them; they count toward
 * the member's standing only when `memberReportsCountTowardStanding` says so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table member_reports (
    id bigint generated always as identity primary key,
    reporter_id bigint not null references members (id) on delete cascade,
    member_id bigint not null references members (id) on delete cascade,
    reason text not null check (reason in ('dont_know', 'spam', 'fake_profile', 'harassment')),
    source text not null check (source in ('profile', 'conversation')),
    created_at timestamptz not null,
    unique (reporter_id, member_id),
    check (reporter_id <> member_id)
  )`.execute(db);
  await sql`create index member_reports_member_created on member_reports (member_id, created_at)`.execute(db);
  await sql`create index member_reports_created on member_reports (created_at)`.execute(db);
}
