import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Another process has the embedded database open: a second one would corrupt it. */
export class DataDirInUseError extends Error {}

const LOCK_FILE = 'rapport.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** The id of another live process that has the embedded database in `dataDir` open, if any. */
export function dataDirHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim());
  } catch {
    return null;
  }
  // A lock left by a process that died (a crash, a kill -9) is no lock.
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
}

export function inUseMessage(dataDir: string, pid: number): string {
  return `the embedded database in ${dataDir} is open in process ${pid} (rapport serve or another command): stop it first, or use another RAPPORT_DATA_DIR`;
}

/** Marks `dataDir` as open by this process; the returned function releases it. */
export function claimDataDir(dataDir: string): () => void {
  const holder = dataDirHolder(dataDir);
  if (holder !== null) throw new DataDirInUseError(inUseMessage(dataDir, holder));
  const path = join(dataDir, LOCK_FILE);
  writeFileSync(path, `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path);
    } catch {
      // already gone
    }
  };
}
