import { sql, type Kysely } from 'kysely';

/** Contact lists by owner, the invite-me link, follows. Each statement on its own (PGlite). */
const statements = [
  `create index contacts_owner_created on contacts (owner_id, created_at desc, id desc)`,

  `create table invite_links (
    member_id bigint primary key references members (id) on delete cascade,
    token text not null unique,
    enabled boolean not null default true,
    auto_accept boolean not null default false,
    created_at timestamptz not null,
    rotated_at timestamptz
  )`,

  // Explicit follows. Connected members follow each other without a row; a row with
  // following = false is a connection's choice not to follow the other.
  `create table follows (
    follower_id bigint not null references members (id) on delete cascade,
    followee_id bigint not null references members (id) on delete cascade,
    following boolean not null default true,
    created_at timestamptz not null,
    primary key (follower_id, followee_id),
    check (follower_id <> followee_id)
  )`,
  `create index follows_followee on follows (followee_id, created_at desc, follower_id desc) where following`,

  `create table follow_preferences (
    member_id bigint primary key references members (id) on delete cascade,
    follow_primary boolean not null default false
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
