import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
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

/**
 * Statements whose text starts with `preparedAs(name)` run as named prepared statements on `pg`:
 * each connection parses and plans them once (PostgreSQL then reuses the plan) instead of at every
 * call — the hot statements' planning costs more than running them. Only marked statements are
 * prepared: their text never varies, so each connection keeps a handful. PGlite runs them as
 * written (the mark is a comment).
 */
function prepareMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown, callback?: unknown) => unknown;
  (client as unknown as { query: typeof query }).query = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values) && callback === undefined) {
      const mark = PREPARED_MARK.exec(config);
      if (mark) return query({ name: mark[1], text: config, values });
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

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // A dropped idle connection (database restart) must not crash the process.
    pool.on('error', () => {});
    pool.on('connect', (client) => prepareMarkedStatements(client));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir, {
    extensions: { pg_trgm },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return { db, dialect: 'pglite', pglite, poolStats: () => null, close: () => db.destroy() };
}
