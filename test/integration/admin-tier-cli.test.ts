import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { cliDatabase, runRapport } from '../helpers/rapport-cli.js';
import { backends } from '../helpers/test-app.js';

describe.each(backends)('rapport admin tier on %s', (backend) => {
  const cli = cliDatabase(backend, 'rapport-tier-cli');
  const dataDir = cli.dataDir;
  const environment = () => cli.environment();
  const rapport = runRapport;
  afterAll(() => cli.cleanUp());

  it('sets a member premium and back by email or id, says what the tier gives, and refuses an unknown member or tier', { timeout: 300_000 }, async () => {
    const env = await environment();
    const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 2 } : { dataDir });
    let id: number;
    try {
      await migrateToLatest(database.db);
      const row = await database.db
        .insertInto('members')
        .values({ kind: 'person', email: 'ada@example.com', email_normalized: 'ada@example.com', password_hash: 'x', name: 'Ada Lovelace', manager_id: null, created_at: new Date(), restricted_at: null, restriction_ends_at: null, last_lift_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    } finally {
      await database.close();
    }

    const help = await rapport(env, 'admin', 'tier', '--help');
    expect(help.stdout).toContain('free or premium');
    expect(help.stdout).toContain('rapport admin tier ada@example.com premium');

    const premium = await rapport(env, 'admin', 'tier', 'ada@example.com', 'premium');
    expect(premium.code, premium.stderr).toBe(0);
    expect(premium.stdout).toBe('ada@example.com is now premium (was free): 1000 invitations a month, 5 InMail credits a month\n');
    expect((await rapport(env, 'admin', 'tier', String(id), 'premium')).stdout).toContain('already premium');
    expect((await rapport(env, 'admin', 'tier', String(id), 'free')).stdout).toContain('is now free (was premium): 300 invitations a month, 0 InMail credits');

    const unknown = await rapport(env, 'admin', 'tier', 'nobody@example.com', 'premium');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'rapport: No member with the email nobody@example.com.\n']);
    const badTier = await rapport(env, 'admin', 'tier', 'ada@example.com', 'gold');
    expect([badTier.code, badTier.stderr]).toEqual([1, 'rapport: The tier must be free or premium, not gold.\n']);

    const check = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 2 } : { dataDir });
    try {
      const member = await check.db.selectFrom('members').select('tier').where('id', '=', id).executeTakeFirstOrThrow();
      expect(member.tier).toBe('free');
      const events = await check.db.selectFrom('outbox').select(['topic', 'payload']).where('topic', '=', 'member.tier_changed').orderBy('id').execute();
      expect(events.map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload))).toEqual([
        { memberId: id, tier: 'premium', previousTier: 'free', by: null },
        { memberId: id, tier: 'free', previousTier: 'premium', by: null },
      ]);
    } finally {
      await check.close();
    }
  });
});
