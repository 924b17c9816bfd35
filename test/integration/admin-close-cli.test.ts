import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { cliDatabase, runRapport } from '../helpers/rapport-cli.js';
import { backends } from '../helpers/test-app.js';

describe.each(backends)('rapport admin close on %s', (backend) => {
  const cli = cliDatabase(backend, 'rapport-close-cli');
  const dataDir = cli.dataDir;
  const environment = () => cli.environment();
  const rapport = runRapport;
  afterAll(() => cli.cleanUp());

  async function withDatabase<T>(env: Record<string, string>, work: (database: Database) => Promise<T>): Promise<T> {
    const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 2 } : { dataDir });
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }

  it('closes a member for them by email, as their own closing does, and refuses an unknown member', { timeout: 300_000 }, async () => {
    const env = await environment();
    const ids = await withDatabase(env, async ({ db }) => {
      await migrateToLatest(db);
      const insert = (name: string, email: string) =>
        db
          .insertInto('members')
          .values({ kind: 'person', email, email_normalized: email, password_hash: 'x', name, manager_id: null, created_at: new Date(), restricted_at: null, restriction_ends_at: null, last_lift_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
      const [ada, bob] = [(await insert('Ada Lovelace', 'ada@example.com')).id, (await insert('Bob Babbage', 'bob@example.com')).id];
      await db.insertInto('connections').values([{ member_id: ada, other_id: bob, created_at: new Date() }, { member_id: bob, other_id: ada, created_at: new Date() }]).execute();
      return { ada, bob };
    });

    const closed = await rapport(env, 'admin', 'close', 'ada@example.com');
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toMatch(/^ada@example\.com is closed; it is erased after \d{4}-\d\d-\d\dT/);

    const unknown = await rapport(env, 'admin', 'close', 'nobody@example.com');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No member with the email nobody@example.com');

    await withDatabase(env, async ({ db }) => {
      const member = await db.selectFrom('members').select(['closing_at', 'erase_after']).where('id', '=', ids.ada).executeTakeFirstOrThrow();
      expect(member.closing_at).not.toBeNull();
      expect(member.erase_after!.getTime() - member.closing_at!.getTime()).toBe(14 * 24 * 60 * 60 * 1000);
      const connections = await db.selectFrom('connections').select('member_id').where('member_id', 'in', [ids.ada, ids.bob]).execute();
      expect(connections).toEqual([]);
      const events = await sql<{ by: string }>`select payload->>'by' as by from outbox where topic = 'member.closed'`.execute(db);
      expect(events.rows).toEqual([{ by: 'admin' }]);
    });
  });
});
