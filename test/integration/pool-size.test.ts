import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { databaseOptionsFor, openDatabase } from '../../src/db/database.js';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('DATABASE_POOL_SIZE on PostgreSQL', () => {
  it('caps the connections a process opens: further queries wait for one', async () => {
    const database = await openDatabase(databaseOptionsFor(loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '2' })));
    try {
      let most = 0;
      let waited = 0;
      const queries = Array.from({ length: 6 }, () => sql`select pg_sleep(0.05)`.execute(database.db));
      const watching = setInterval(() => {
        const stats = database.poolStats()!;
        most = Math.max(most, stats.total);
        waited = Math.max(waited, stats.waiting);
      }, 5);
      await Promise.all(queries);
      clearInterval(watching);
      expect(most).toBe(2);
      expect(waited).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });
});
