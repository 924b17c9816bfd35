import { sql, type Kysely } from 'kysely';

/**
 * Closing an account (issue 24). `members.closing_at` marks an account closed and waiting out the
 * policy's grace period (`closeGraceDays`); `erase_after` is when its rows are erased. Reports a
 * member filed outlive them: `reports.reporter_id`, `reports.invitation_id` and
 * `member_reports.reporter_id` become nullable and are set null when the reporter's rows go, so a
 * spammer's count stays. `closed_standings` remembers, by a keyed hash of the address, the standing
 * of a restricted account that closed, for `closedStandingMemoryDays`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table members add column closing_at timestamptz, add column erase_after timestamptz`.execute(db);
  await sql`create index members_erase_after on members (erase_after) where erase_after is not null`.execute(db);
  // An invitation the service ended because one of the two closed their account: it weighs on no re-invite.
  await sql`alter table invitations add column ended_by_closure boolean not null default false`.execute(db);

  await sql`alter table reports alter column reporter_id drop not null, alter column invitation_id drop not null`.execute(db);
  await sql`alter table reports drop constraint reports_reporter_id_fkey,
    add constraint reports_reporter_id_fkey foreign key (reporter_id) references members (id) on delete set null`.execute(db);
  await sql`alter table reports drop constraint reports_invitation_id_fkey,
    add constraint reports_invitation_id_fkey foreign key (invitation_id) references invitations (id) on delete set null`.execute(db);
  await sql`alter table member_reports alter column reporter_id drop not null`.execute(db);
  await sql`alter table member_reports drop constraint member_reports_reporter_id_fkey,
    add constraint member_reports_reporter_id_fkey foreign key (reporter_id) references members (id) on delete set null`.execute(db);

  await sql`create table closed_standings (
    email_hash text primary key,
    restriction_count integer not null,
    restricted boolean not null,
    remember_until timestamptz not null
  )`.execute(db);
  await sql`create index closed_standings_remember_until on closed_standings (remember_until)`.execute(db);
}
