import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTemplateDatabase, dropDatabase } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/**
 * Migrates once per run: an embedded database dumped to a file that each test loads (a fresh
 * initdb per test would cost seconds), and, with DATABASE_URL, a PostgreSQL template database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
  const database = await openDatabase({});
  await migrateToLatest(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);

  const url = process.env.DATABASE_URL;
  const template = url ? await createTemplateDatabase(url) : null;
  project.provide('postgresTemplate', template);
  return async () => {
    if (url && template) await dropDatabase(url, template);
  };
}
