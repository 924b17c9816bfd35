import { sql, type Kysely } from 'kysely';

/** Each statement runs on its own: PGlite takes one statement per query. */
const statements = [
  // "Not interested" on a suggestion: that member is not suggested to this one again.
  `create table suggestion_dismissals (
    member_id bigint not null references members (id) on delete cascade,
    dismissed_id bigint not null references members (id) on delete cascade,
    created_at timestamptz not null,
    primary key (member_id, dismissed_id),
    check (member_id <> dismissed_id)
  )`,
  // The writing transaction of each event, so that the graph index's reader can tell exactly which
  // events are committed (outbox ids are handed out at insert, not at commit: a low id can commit
  // after a higher one has been read). See src/graph/index-sync.ts.
  `alter table outbox add column xact_id xid8 not null default pg_current_xact_id()`,
  `create index outbox_graph_changes on outbox (xact_id) where topic in ('connection.created', 'connection.removed')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
