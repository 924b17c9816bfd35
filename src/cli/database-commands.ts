import type { Command } from 'commander';
import type { Config } from '../config.js';
import { copyToPostgres } from '../db/copy-to-postgres.js';
import { openDatabase } from '../db/database.js';
import { BackupRefusal, backupEmbedded, holdsEmbeddedDatabase, restoreEmbedded } from '../db/embedded-backup.js';
import { migrateToLatest } from '../db/migrate.js';
import { isTransientConnectionError } from '../db/wait-for-database.js';
import { Progress } from './progress.js';
import { startupFailure } from './startup-errors.js';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** The URL as it may be printed: without its password. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given DATABASE_URL';
  }
}

/** Runs a command; what the operator can fix is one line on stderr and exit code 1. */
async function explained(config: Config, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    let line: string | null = error instanceof BackupRefusal ? error.message : (startupFailure(error, { host: config.host, port: config.port, dataDir: config.dataDir })?.line ?? null);
    if (!line && isTransientConnectionError(error)) line = `PostgreSQL does not answer (${(error as Error).message || (error as { code?: string }).code}): start it or fix the URL`;
    if (!line) throw error;
    process.stderr.write(`rapport: ${line}\n`);
    process.exit(1);
  }
}

/** `rapport backup`, `rapport restore` and `rapport move-to-postgres`: the embedded database's way out. */
export function registerDatabaseCommands(program: Command, configOrExit: () => Config): void {
  program
    .command('backup')
    .description('write the embedded database (RAPPORT_DATA_DIR) to one file; stop rapport serve first. For PostgreSQL use pg_dump (docs/operations.md)')
    .requiredOption('--out <file>', 'the backup file to write (a gzip\'d tarball, e.g. rapport-2026-12-08.tar.gz)')
    .action(async (options: { out: string }) => {
      const config = configOrExit();
      await explained(config, async () => {
        if (config.databaseUrl) throw new BackupRefusal('DATABASE_URL is set: this process uses PostgreSQL, back it up with pg_dump (docs/operations.md); unset DATABASE_URL to back up the embedded database');
        const started = Date.now();
        process.stderr.write(`backing up the embedded database in ${config.dataDir} …\n`);
        const result = await backupEmbedded(config.dataDir, options.out);
        process.stdout.write(`wrote ${options.out}: ${megabytes(result.bytes)}, ${result.members} members and ${result.connections} connections, in ${seconds(started)}\n`);
      });
    });

  program
    .command('restore')
    .description('create the embedded database in RAPPORT_DATA_DIR from a file written by rapport backup')
    .argument('<file>', 'the backup file')
    .option('--force', 'restore even though RAPPORT_DATA_DIR is not empty: the current directory is moved aside, not deleted')
    .action(async (file: string, options: { force?: boolean }) => {
      const config = configOrExit();
      await explained(config, async () => {
        if (config.databaseUrl) throw new BackupRefusal('DATABASE_URL is set: restore a PostgreSQL database with pg_restore (docs/operations.md); unset DATABASE_URL to restore the embedded database');
        const started = Date.now();
        process.stderr.write(`restoring ${file} into ${config.dataDir} …\n`);
        const result = await restoreEmbedded(file, config.dataDir, { force: options.force === true });
        if (result.movedAside) process.stdout.write(`moved the previous ${config.dataDir} aside to ${result.movedAside}\n`);
        process.stdout.write(`restored ${result.members} members and ${result.connections} connections into ${config.dataDir} in ${seconds(started)}\n`);
      });
    });

  program
    .command('move-to-postgres')
    .description('copy the community from the embedded database (RAPPORT_DATA_DIR) into an empty PostgreSQL database; stop rapport serve first')
    .argument('<database-url>', 'the PostgreSQL database to fill, e.g. postgres://rapport:secret@db.example.org:5432/rapport (created with createdb, empty)')
    .option('--batch-rows <n>', 'rows per round trip', (value) => Number(value), 1000)
    .action(async (databaseUrl: string, options: { batchRows: number }) => {
      const config = configOrExit();
      await explained(config, async () => {
        if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new BackupRefusal(`"${withoutPassword(databaseUrl)}" is not a PostgreSQL URL: give postgres://user:password@host:5432/database`);
        if (!Number.isInteger(options.batchRows) || options.batchRows < 1) throw new BackupRefusal('--batch-rows must be a positive whole number');
        if (!holdsEmbeddedDatabase(config.dataDir)) throw new BackupRefusal(`there is no embedded database in ${config.dataDir}: set RAPPORT_DATA_DIR to the directory rapport serve uses`);
        const started = Date.now();
        const source = await openDatabase({ dataDir: config.dataDir });
        try {
          let progress: Progress | null = null;
          let copyStarted = Date.now();
          const counts = await copyToPostgres(source.pglite!, () => migrateToLatest(source.db), databaseUrl, {
            batchRows: options.batchRows,
            onStart: (total, tables) => {
              process.stderr.write(`copying ${total.toLocaleString('en')} rows in ${tables.length} tables from ${config.dataDir} to ${withoutPassword(databaseUrl)}\n`);
              progress = new Progress('rows', total);
              copyStarted = Date.now();
            },
            // The first batch alone says nothing about the rate: no ETA from it.
            onProgress: (copied) => Date.now() - copyStarted > 1000 && progress?.update(copied),
          });
          const total = counts.reduce((sum, count) => sum + count.target, 0);
          (progress as Progress | null)?.finish(total);
          const mismatched = counts.filter((count) => count.source !== count.target);
          const width = Math.max(...counts.map((count) => count.table.length));
          process.stdout.write(`${'table'.padEnd(width)}  ${'embedded'.padStart(8)} → PostgreSQL\n`);
          for (const count of counts) process.stdout.write(`${count.table.padEnd(width)}  ${String(count.source).padStart(8)} → ${String(count.target).padStart(8)}${count.source === count.target ? '' : '  DIFFERENT'}\n`);
          if (mismatched.length) {
            process.stderr.write(`rapport: the row counts differ in ${mismatched.map((count) => count.table).join(', ')}: keep running on the embedded database and report this\n`);
            process.exitCode = 1;
            return;
          }
          process.stdout.write(`moved ${total.toLocaleString('en')} rows in ${counts.length} tables in ${seconds(started)}; every table has the same row count.\n`);
          process.stdout.write(`Now start rapport with DATABASE_URL=${withoutPassword(databaseUrl)} (keep ${config.dataDir} until you are sure).\n`);
        } finally {
          await source.close();
        }
      });
    });
}
