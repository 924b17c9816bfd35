import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

const COMMAND_TAGS = new Set<Command>(['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'MERGE', 'COMMIT', 'ROLLBACK']);

/** PGlite does not return the command tag; the statement's first keyword stands in for it. */
function commandOf(sql: string): Command {
  const keyword = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
  if (keyword === 'END') return 'COMMIT';
  if (keyword === 'WITH') return 'UPDATE';
  return COMMAND_TAGS.has(keyword as Command) ? (keyword as Command) : 'SELECT';
}

/**
 * A one-connection "pool" over a PGlite instance, for Kysely's own PostgresDriver.
 * PGlite is a single session, so a transaction must own it until it ends: `connect()` waits for
 * the previous holder's `release()`.
 */
export class PGlitePool implements PostgresPool {
  private queue: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(private readonly pg: PGlite) {}

  connect(): Promise<PostgresPoolClient> {
    if (this.ended) return Promise.reject(new Error('the embedded database is closed'));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.queue.then(() => this.makeClient(release));
    this.queue = this.queue.then(() => released);
    return acquired;
  }

  private makeClient(release: () => void): PostgresPoolClient {
    const pg = this.pg;
    let released = false;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const result = await pg.query<R>(sql, parameters as unknown[]);
        return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.queue;
    await this.pg.close();
  }
}
