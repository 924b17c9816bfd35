import { sql, type Kysely } from 'kysely';

/**
 * Profile photos, kept in the database so every process serves the same bytes and a backup holds
 * them (docs/decisions/008-photos.md). A member has at most one photo, re-encoded to two sizes;
 * `members.photo_key` names it, so a member summary needs no join to know its photo's address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table member_photos (
    key text primary key,
    member_id bigint not null unique references members (id) on delete cascade,
    large bytea not null,
    small bytea not null,
    created_at timestamptz not null
  )`.execute(db);
  await sql`alter table members add column photo_key text`.execute(db);
}
