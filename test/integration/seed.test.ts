import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { seedNetwork } from '../../src/cli/seed.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTemplateDatabase, databaseUrlFor, dropDatabase } from '../helpers/postgres.js';
import { backends } from '../helpers/test-app.js';

describe.each(backends)('rapport seed on %s', (backend) => {
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created) await dropDatabase(process.env.DATABASE_URL!, name);
  });

  async function open(): Promise<Database> {
    if (backend === 'pglite') {
      const database = await openDatabase({});
      await migrateToLatest(database.db);
      return database;
    }
    const name = await createTemplateDatabase(process.env.DATABASE_URL!);
    created.push(name);
    return openDatabase({ databaseUrl: databaseUrlFor(process.env.DATABASE_URL!, name), poolSize: 2 });
  }

  it('leaves planner statistics for what it loaded, even with autovacuum off', async () => {
    const database = await open();
    try {
      const before = await sql<{ reltuples: number }>`select reltuples::float8 as reltuples from pg_class where relname = 'connections'`.execute(database.db);
      expect(Number(before.rows[0]!.reltuples)).toBeLessThanOrEqual(0); // never analysed: PostgreSQL would guess
      const seeded = await seedNetwork(database.db, { members: 120, quiet: true });
      const after = await sql<{ reltuples: number }>`select reltuples::float8 as reltuples from pg_class where relname = 'connections'`.execute(database.db);
      expect(Number(after.rows[0]!.reltuples)).toBe(seeded.connections * 2);
      const members = await sql<{ reltuples: number }>`select reltuples::float8 as reltuples from pg_class where relname = 'members'`.execute(database.db);
      expect(Number(members.rows[0]!.reltuples)).toBe(120);
    } finally {
      await database.close();
    }
  });
});
