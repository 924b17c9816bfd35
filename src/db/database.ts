import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { claimDataDir } from './data-dir-lock.js';
import { PGlitePool } from './pglite-pool.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Anything a repository function can read through: the database or an open transaction. */
export type Executor = Db | Trx;

// int8 (ids, counts) as JS numbers on `pg`, as PGlite already returns them.
pg.types.setTypeParser(20, (value) => Number(value));

/** The comment that opts a hot statement into a named prepared statement (see `prepareMarkedStatements`). */
export function preparedAs(name: string): string {
  return `/* prepared:${name} */`;
}

const PREPARED_MARK = /^\/\* prepared:([\w-]+) \*\//;

/** Statements seen this often (same text) become prepared statements on their own. */
const AUTO_PREPARE_AFTER = 3;
/** At most this many statement texts are prepared automatically, and this many counted. */
const AUTO_PREPARE_MAX = 500;
const COUNTED_MAX = 5_000;

/**
 * Which statements run as named prepared statements on `pg`: each connection parses and plans such
 * a statement once (PostgreSQL then reuses the plan) instead of at every call — for the hot
 * statements the planning costs as much as running them, or more.
 *
 * A statement whose text starts with `preparedAs(name)` is prepared under that name from its first
 * call. Any other text is prepared once it has come back `AUTO_PREPARE_AFTER` times: the query
 * builders produce the same text for the same query shape, so the steady traffic of a server is a
 * few hundred texts at most. Both counts are capped, so texts that keep varying (an `in` list of
 * every length) cannot make a connection keep an unbounded number of statements.
 */
export class StatementNames {
  private readonly seen = new Map<string, number>();
  private readonly names = new Map<string, string>();

  nameFor(text: string): string | undefined {
    const mark = PREPARED_MARK.exec(text);
    if (mark) return mark[1];
    const name = this.names.get(text);
    if (name !== undefined) return name;
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count >= AUTO_PREPARE_AFTER && this.names.size < AUTO_PREPARE_MAX) {
      const auto = `auto-${this.names.size + 1}`;
      this.names.set(text, auto);
      this.seen.delete(text);
      return auto;
    }
    if (this.seen.has(text) || this.seen.size < COUNTED_MAX) this.seen.set(text, count);
    return undefined;
  }
}

function prepareStatements(client: pg.PoolClient, names: StatementNames): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown, callback?: unknown) => unknown;
  (client as unknown as { query: typeof query }).query = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = names.nameFor(config);
      if (name !== undefined) return query({ name, text: config, values });
    }
    return callback === undefined ? query(config, values) : query(config, values, callback);
  };
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Directory for the embedded database's files; `undefined` keeps it in memory. */
  dataDir?: string | undefined;
  /** A dump of a migrated embedded database to start from (tests). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

export interface Database {
  db: Db;
  dialect: 'pglite' | 'postgres';
  /** The embedded instance, when that is what runs. */
  pglite?: PGlite;
  poolStats(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

/** The database a configured process opens. */
export function databaseOptionsFor(config: { databaseUrl: string | undefined; dataDir: string; databasePoolSize: number }): DatabaseOptions {
  return { databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize };
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A dropped idle connection (database restart) must not crash the process.
    pool.on('error', () => {});
    const names = new StatementNames();
    pool.on('connect', (client) => prepareStatements(client, names));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // One process at a time on a data directory: a second PGlite on the same files would corrupt them.
  const release = options.dataDir ? claimDataDir(options.dataDir) : () => {};
  const pglite = await PGlite.create(options.dataDir, {
    extensions: { pg_trgm },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return { db, dialect: 'pglite', pglite, poolStats: () => null, close: () => db.destroy().finally(release) };
}
