import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTemplateDatabase, databaseUrlFor, dropDatabase } from './postgres.js';
import type { Backend } from './test-app.js';

const run = promisify(execFile);

/** Runs the `rapport` command as an operator would, answering its exit code and output. */
export async function runRapport(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/rapport.mjs', ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * A database for CLI tests on either backend: a fresh embedded data directory, or a new PostgreSQL
 * database made from the migrated template. `environment()` gives the variables that point a
 * `rapport` process at it; `cleanUp()` removes both.
 */
export function cliDatabase(backend: Backend, prefix: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  let databaseName: string | null = null;
  return {
    dataDir,
    async environment(): Promise<Record<string, string>> {
      if (backend === 'pglite') return { RAPPORT_DATA_DIR: dataDir };
      databaseName = await createTemplateDatabase(process.env.DATABASE_URL!);
      return { DATABASE_URL: databaseUrlFor(process.env.DATABASE_URL!, databaseName) };
    },
    async cleanUp(): Promise<void> {
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseName) await dropDatabase(process.env.DATABASE_URL!, databaseName);
    },
  };
}
