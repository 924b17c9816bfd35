import { sql, type Kysely } from 'kysely';

/** Each statement runs on its own: PGlite takes one statement per query. */
const statements = [
  `create extension if not exists pg_trgm`,

  `create table members (
    id bigint generated always as identity primary key,
    kind text not null check (kind in ('person', 'company')),
    email text not null,
    email_normalized text not null unique,
    password_hash text not null,
    name text not null,
    headline text not null default '',
    location text not null default '',
    manager_id bigint references members (id) on delete set null,
    role text not null default 'member' check (role in ('member', 'admin')),
    tier text not null default 'free' check (tier in ('free', 'premium')),
    search_text text not null default '',
    created_at timestamptz not null,
    restricted_at timestamptz,
    restriction_ends_at timestamptz,
    restriction_count integer not null default 0,
    last_lift_at timestamptz,
    connection_count integer not null default 0
  )`,
  `create index members_search_trgm on members using gin (search_text gin_trgm_ops)`,
  `create index members_name_trgm on members using gin (name gin_trgm_ops)`,

  `create table member_settings (
    member_id bigint primary key references members (id) on delete cascade,
    invitations_from text not null default 'everyone'
      check (invitations_from in ('everyone', 'email_or_contacts', 'contacts_only')),
    auto_withdraw_after_days integer,
    email_notifications boolean not null default true
  )`,

  `create table positions (
    id bigint generated always as identity primary key,
    member_id bigint not null references members (id) on delete cascade,
    company text not null,
    title text not null,
    start_year integer,
    end_year integer
  )`,
  `create index positions_member on positions (member_id)`,
  `create index positions_company on positions (lower(company))`,

  `create table education (
    id bigint generated always as identity primary key,
    member_id bigint not null references members (id) on delete cascade,
    school text not null,
    degree text not null default '',
    start_year integer,
    end_year integer
  )`,
  `create index education_member on education (member_id)`,
  `create index education_school on education (lower(school))`,

  `create table groups (
    id bigint generated always as identity primary key,
    name text not null unique
  )`,
  `create table group_memberships (
    group_id bigint not null references groups (id) on delete cascade,
    member_id bigint not null references members (id) on delete cascade,
    primary key (member_id, group_id)
  )`,
  `create index group_memberships_group on group_memberships (group_id)`,

  `create table member_skills (
    member_id bigint not null references members (id) on delete cascade,
    skill text not null,
    primary key (member_id, skill)
  )`,

  `create table auth_tokens (
    token_hash text primary key,
    member_id bigint not null references members (id) on delete cascade,
    kind text not null check (kind in ('bearer', 'session')),
    csrf_token text,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz
  )`,
  `create index auth_tokens_member on auth_tokens (member_id)`,

  `create table idempotency_keys (
    scope text not null,
    key text not null,
    request_hash text not null,
    state text not null check (state in ('running', 'done')),
    response_status integer,
    response_body text,
    created_at timestamptz not null,
    primary key (scope, key)
  )`,
  `create index idempotency_keys_created on idempotency_keys (created_at)`,

  `create table invitations (
    id bigint generated always as identity primary key,
    sender_id bigint not null references members (id) on delete cascade,
    recipient_id bigint references members (id) on delete cascade,
    recipient_email text,
    recipient_email_normalized text,
    note text,
    how_we_met text check (how_we_met in ('colleague', 'classmate', 'business', 'friend', 'other')),
    status text not null
      check (status in ('pending', 'accepted', 'ignored', 'declined', 'reported', 'withdrawn', 'expired')),
    source text not null default 'profile',
    created_at timestamptz not null,
    viewed_at timestamptz,
    responded_at timestamptz,
    ignored_at timestamptz,
    last_sent_at timestamptz not null,
    resend_count integer not null default 0,
    reminders_sent integer not null default 0,
    report_reason text check (report_reason in ('dont_know', 'spam')),
    sender_hidden boolean not null default false,
    check (recipient_id is not null or recipient_email_normalized is not null),
    check (recipient_id is null or recipient_id <> sender_id)
  )`,
  // An ignored invitation still reads "pending" to its sender, so it keeps the pair open too.
  `create unique index invitations_one_open_per_pair on invitations
    (least(sender_id, recipient_id), greatest(sender_id, recipient_id))
    where status in ('pending', 'ignored') and recipient_id is not null`,
  `create unique index invitations_one_open_per_email on invitations (sender_id, recipient_email_normalized)
    where status = 'pending' and recipient_id is null`,
  `create index invitations_sender_created on invitations (sender_id, created_at desc, id desc)`,
  `create index invitations_recipient_status on invitations (recipient_id, status, created_at desc, id desc)`,
  `create index invitations_pair_history on invitations (sender_id, recipient_id)`,
  `create index invitations_pending_email on invitations (recipient_email_normalized)
    where recipient_id is null`,
  `create index invitations_pending_created on invitations (created_at) where status = 'pending'`,

  `create table invitation_messages (
    id bigint generated always as identity primary key,
    invitation_id bigint not null references invitations (id) on delete cascade,
    author_id bigint not null references members (id) on delete cascade,
    body text not null,
    created_at timestamptz not null
  )`,
  `create index invitation_messages_invitation on invitation_messages (invitation_id, id)`,

  `create table connections (
    member_id bigint not null references members (id) on delete cascade,
    other_id bigint not null references members (id) on delete cascade,
    created_at timestamptz not null,
    primary key (member_id, other_id),
    check (member_id <> other_id)
  )`,

  `create table reports (
    id bigint generated always as identity primary key,
    invitation_id bigint not null unique references invitations (id) on delete cascade,
    reporter_id bigint not null references members (id) on delete cascade,
    sender_id bigint not null references members (id) on delete cascade,
    reason text not null check (reason in ('dont_know', 'spam')),
    created_at timestamptz not null
  )`,
  `create index reports_sender_created on reports (sender_id, created_at)`,

  `create table blocks (
    blocker_id bigint not null references members (id) on delete cascade,
    blocked_id bigint not null references members (id) on delete cascade,
    created_at timestamptz not null,
    primary key (blocker_id, blocked_id),
    check (blocker_id <> blocked_id)
  )`,
  `create index blocks_blocked on blocks (blocked_id)`,

  `create table contacts (
    id bigint generated always as identity primary key,
    owner_id bigint not null references members (id) on delete cascade,
    email text not null,
    email_hash text not null,
    name text not null default '',
    created_at timestamptz not null,
    unique (owner_id, email_hash)
  )`,
  `create index contacts_email_hash on contacts (email_hash)`,

  `create table standing_events (
    id bigint generated always as identity primary key,
    member_id bigint not null references members (id) on delete cascade,
    kind text not null check (kind in ('restricted', 'lifted')),
    reason text not null,
    actor_id bigint references members (id) on delete set null,
    created_at timestamptz not null
  )`,
  `create index standing_events_member on standing_events (member_id, created_at)`,

  `create table allotment_requests (
    id bigint generated always as identity primary key,
    member_id bigint not null references members (id) on delete cascade,
    reason text not null,
    status text not null default 'pending' check (status in ('pending', 'granted', 'denied')),
    created_at timestamptz not null,
    decided_at timestamptz,
    decided_by bigint references members (id) on delete set null
  )`,
  `create index allotment_requests_status on allotment_requests (status, created_at)`,

  `create table allotment_grants (
    id bigint generated always as identity primary key,
    member_id bigint not null references members (id) on delete cascade,
    count integer not null check (count > 0),
    granted_by bigint references members (id) on delete set null,
    created_at timestamptz not null
  )`,
  `create index allotment_grants_member on allotment_grants (member_id, created_at)`,

  `create table captcha_spent (
    signature text primary key,
    spent_at timestamptz not null
  )`,

  `create table service_settings (
    key text primary key,
    value text not null
  )`,

  `create table outbox (
    id bigint generated always as identity primary key,
    topic text not null,
    payload jsonb not null,
    created_at timestamptz not null,
    available_at timestamptz not null,
    attempts integer not null default 0,
    locked_until timestamptz,
    processed_at timestamptz,
    last_error text
  )`,
  `create index outbox_due on outbox (available_at, id) where processed_at is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
