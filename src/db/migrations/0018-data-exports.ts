import { sql, type Kysely } from 'kysely';

/**
 * "Download your data": one row per archive asked for, and the archive's bytes in numbered chunks.
 * The bytes live in the database, not under RAPPORT_DATA_DIR: the worker that builds an archive and
 * the server process that hands it out may run on different hosts, and only the database is shared
 * by all of them (it also deletes chunks and row together, in one transaction).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table data_exports (
    id bigserial primary key,
    member_id bigint not null references members (id) on delete cascade,
    status text not null default 'queued' check (status in ('queued', 'building', 'ready', 'downloaded', 'expired', 'failed')),
    rows_written integer not null default 0,
    rows_total integer,
    size_bytes bigint,
    requested_at timestamptz not null,
    started_at timestamptz,
    attempts integer not null default 0,
    locked_until timestamptz,
    ready_at timestamptz,
    expires_at timestamptz,
    finished_at timestamptz,
    last_error text
  )`.execute(db);
  // One archive in the making (or waiting to be downloaded) per member at a time.
  await sql`create unique index data_exports_one_open on data_exports (member_id) where status in ('queued', 'building', 'ready')`.execute(db);
  await sql`create index data_exports_due on data_exports (status, requested_at)`.execute(db);
  await sql`create table data_export_chunks (
    export_id bigint not null references data_exports (id) on delete cascade,
    seq integer not null,
    bytes bytea not null,
    primary key (export_id, seq)
  )`.execute(db);
}
