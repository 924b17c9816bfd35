import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initialSchema from './migrations/0001-initial-schema.js';

const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every migration not yet applied; safe to run from several processes at once. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
