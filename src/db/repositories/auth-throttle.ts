import { CompiledQuery } from 'kysely';
import type { Db } from '../database.js';

/** The table of throttle counters (migration 0010), in rate-limiter-flexible's PostgreSQL layout. */
export const AUTH_THROTTLE_TABLE = 'auth_throttle';

/** The one thing rate-limiter-flexible's PostgreSQL store asks of a `pg` pool. */
export interface ThrottleStoreClient {
  query(query: { text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A `pg`-pool-shaped client for rate-limiter-flexible that runs the store's statements through our
 * Kysely database, so the counters live in our database on both backends: on PostgreSQL through
 * the process's pool, on PGlite through the one-session pool that keeps them out of any open
 * transaction. Each statement is one atomic upsert or read; none needs a transaction.
 */
export function throttleStoreClient(db: Db): ThrottleStoreClient {
  return {
    async query({ text, values }) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}
