import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table member_settings
     add column email_categories jsonb not null default '{}'::jsonb,
     add column digest text not null default 'off' check (digest in ('off', 'weekly'))`,

  `create table mail_messages (
    id bigint generated always as identity primary key,
    to_member_id bigint references members (id) on delete cascade,
    to_email text not null,
    category text not null,
    template text not null,
    subject text not null,
    html text not null,
    text_body text not null,
    headers jsonb not null default '{}'::jsonb,
    message_id text not null unique,
    dedupe_key text unique,
    status text not null default 'pending' check (status in ('pending', 'sent', 'digest', 'digested', 'suppressed', 'failed')),
    attempts integer not null default 0,
    available_at timestamptz not null,
    locked_until timestamptz,
    created_at timestamptz not null,
    sent_at timestamptz,
    last_error text
  )`,
  `create index mail_messages_due on mail_messages (available_at, id) where status = 'pending'`,
  `create index mail_messages_recipient on mail_messages (to_email, created_at)`,
  `create index mail_messages_digest on mail_messages (to_email, created_at) where status = 'digest'`,

  `create table notifications (
    id bigint generated always as identity primary key,
    member_id bigint not null references members (id) on delete cascade,
    kind text not null,
    payload jsonb not null,
    source_event_id bigint,
    created_at timestamptz not null,
    read_at timestamptz,
    unique (member_id, source_event_id, kind)
  )`,
  `create index notifications_member on notifications (member_id, id desc)`,
  `create index notifications_unread on notifications (member_id) where read_at is null`,

  `create table used_link_tokens (
    token_id text primary key,
    used_at timestamptz not null
  )`,

  `create table webhook_endpoints (
    id bigint generated always as identity primary key,
    url text not null,
    secret text not null,
    events text[] not null,
    enabled boolean not null default true,
    disabled_reason text,
    created_by bigint references members (id) on delete set null,
    created_at timestamptz not null
  )`,
  `create table webhook_deliveries (
    id bigint generated always as identity primary key,
    endpoint_id bigint not null references webhook_endpoints (id) on delete cascade,
    event_id bigint not null,
    topic text not null,
    body text not null,
    status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    locked_until timestamptz,
    last_status integer,
    last_error text,
    created_at timestamptz not null,
    delivered_at timestamptz,
    unique (endpoint_id, event_id)
  )`,
  `create index webhook_deliveries_due on webhook_deliveries (next_attempt_at, id) where status = 'pending'`,
  `create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, id desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
