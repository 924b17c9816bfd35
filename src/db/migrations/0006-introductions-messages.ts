import { sql, type Kysely } from 'kysely';

const statements = [
  `create table introductions (
    id bigint generated always as identity primary key,
    requester_id bigint not null references members (id) on delete cascade,
    introducer_id bigint not null references members (id) on delete cascade,
    target_id bigint not null references members (id) on delete cascade,
    message_to_introducer text not null,
    message_to_target text not null,
    introducer_note text,
    status text not null default 'requested' check (status in ('requested', 'forwarded', 'declined', 'connected')),
    created_at timestamptz not null,
    decided_at timestamptz
  )`,
  `create index introductions_requester on introductions (requester_id, created_at)`,
  `create index introductions_introducer on introductions (introducer_id, status, created_at)`,
  `create index introductions_target on introductions (target_id, status, created_at)`,
  `create unique index introductions_one_open on introductions (least(requester_id, target_id), greatest(requester_id, target_id))
    where status in ('requested', 'forwarded')`,

  `create table messages (
    id bigint generated always as identity primary key,
    sender_id bigint not null references members (id) on delete cascade,
    recipient_id bigint not null references members (id) on delete cascade,
    kind text not null check (kind in ('direct', 'inmail')),
    body text not null,
    created_at timestamptz not null,
    read_at timestamptz
  )`,
  `create index messages_pair on messages (least(sender_id, recipient_id), greatest(sender_id, recipient_id), id desc)`,
  `create index messages_recipient on messages (recipient_id, id desc)`,
  `create index messages_sender_kind on messages (sender_id, kind, created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
