import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { dataDirHolder, inUseMessage } from './data-dir-lock.js';

/** A backup or restore the operator asked for that cannot be done as asked: one line says why. */
export class BackupRefusal extends Error {}

function refuseIfOpen(dataDir: string): void {
  const holder = dataDirHolder(dataDir);
  if (holder !== null) throw new BackupRefusal(inUseMessage(dataDir, holder));
}

/** Whether a directory holds an embedded database (PostgreSQL writes `PG_VERSION` first). */
export function holdsEmbeddedDatabase(dataDir: string): boolean {
  return existsSync(`${dataDir}/PG_VERSION`);
}

export interface BackupSummary {
  bytes: number;
  members: number;
  connections: number;
}

async function summary(pglite: PGlite): Promise<Omit<BackupSummary, 'bytes'>> {
  const counts = await pglite.query<{ members: number; connections: number }>(
    "select (select count(*) from members)::int as members, (select count(*) from connections)::int / 2 as connections",
  );
  return counts.rows[0]!;
}

/**
 * Writes the embedded database in `dataDir` to `outFile` as PGlite's own dump (a gzip'd tarball of
 * the data directory). Run it with the server stopped: two processes on one data directory would
 * each see only their own writes.
 */
export async function backupEmbedded(dataDir: string, outFile: string): Promise<BackupSummary> {
  if (!holdsEmbeddedDatabase(dataDir)) throw new BackupRefusal(`there is no embedded database in ${dataDir}: set RAPPORT_DATA_DIR to the directory rapport serve uses`);
  refuseIfOpen(dataDir);
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  try {
    const counts = await summary(pglite);
    const dump = await pglite.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Written aside first, so an interrupted backup never leaves a truncated file under the real name.
    await writeFile(`${outFile}.partial`, bytes);
    await rename(`${outFile}.partial`, outFile);
    return { bytes: bytes.length, ...counts };
  } finally {
    await pglite.close();
  }
}

export interface RestoreSummary extends BackupSummary {
  /** Where the directory that was there before went (with `force`). */
  movedAside: string | null;
}

/**
 * Creates the embedded database in `dataDir` from a backup. An existing, non-empty directory is
 * refused unless `force`, and then moved aside (never deleted) so a wrong restore can be undone.
 */
export async function restoreEmbedded(backupFile: string, dataDir: string, options: { force: boolean; now?: Date }): Promise<RestoreSummary> {
  if (!existsSync(backupFile)) throw new BackupRefusal(`there is no backup file ${backupFile}`);
  if (existsSync(dataDir)) refuseIfOpen(dataDir);
  let movedAside: string | null = null;
  if (existsSync(dataDir) && (!statSync(dataDir).isDirectory() || readdirSync(dataDir).length > 0)) {
    if (!options.force) throw new BackupRefusal(`${dataDir} is not empty: restore into a new RAPPORT_DATA_DIR, or add --force to move the current one aside first`);
    movedAside = `${dataDir.replace(/\/+$/, '')}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, movedAside);
  }
  const bytes = await readFile(backupFile);
  mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm }, loadDataDir: new Blob([bytes]) });
  try {
    return { bytes: bytes.length, movedAside, ...(await summary(pglite)) };
  } finally {
    await pglite.close();
  }
}
