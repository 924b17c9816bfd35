import { ConfigError } from '../config.js';
import { PolicyError } from '../domain/policy.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import { DatabaseUnavailableError } from '../db/wait-for-database.js';

export interface StartupFailure {
  line: string;
  exitCode: number;
}

/** PostgreSQL's own refusals that no wait will cure. */
const DATABASE_REFUSALS: Record<string, string> = {
  '28P01': 'PostgreSQL refused the password: fix the user or password in DATABASE_URL',
  '28000': 'PostgreSQL refused the connection: fix the user in DATABASE_URL or allow it in pg_hba.conf',
  '3D000': 'PostgreSQL has no such database: create it (createdb) or fix the database name in DATABASE_URL',
};

/**
 * The one line an operator reads when a start fails for a reason they can fix, and the exit code;
 * `null` for anything else (a bug: the stack trace is then the useful thing).
 */
export function startupFailure(error: unknown, where: { host: string; port: number; dataDir?: string }): StartupFailure | null {
  if (error instanceof ConfigError || error instanceof PolicyError) return { line: error.message, exitCode: 2 };
  if (error instanceof DatabaseUnavailableError || error instanceof DataDirInUseError) return { line: error.message, exitCode: 1 };
  const failure = error as { code?: string; syscall?: string; path?: string; message?: string } | null;
  const code = failure?.code;
  if (code === 'EADDRINUSE') {
    return { line: `port ${where.port} on ${where.host} is already in use: stop the process that holds it, or set PORT to a free port`, exitCode: 1 };
  }
  if (code === 'EADDRNOTAVAIL') return { line: `cannot listen on ${where.host}: it is not an address of this machine; fix HOST`, exitCode: 1 };
  if (code === 'EACCES' || code === 'EPERM') {
    if (failure?.syscall === 'listen' || failure?.syscall === 'bind') {
      return { line: `no permission to listen on port ${where.port}: ports below 1024 need privileges; set PORT to 1024 or above and put a reverse proxy in front`, exitCode: 1 };
    }
    const path = failure?.path ?? where.dataDir ?? 'a file';
    return { line: `no permission to use ${path}: give this user write access to it, or set RAPPORT_DATA_DIR to a directory it owns`, exitCode: 1 };
  }
  if (code && DATABASE_REFUSALS[code]) return { line: `${DATABASE_REFUSALS[code]} (${failure?.message ?? code})`, exitCode: 1 };
  return null;
}

/** Runs a command; a failure an operator can fix ends it with one line on stderr and a non-zero code. */
export async function runOrExplain(where: () => { host: string; port: number; dataDir?: string }, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure = startupFailure(error, where());
    if (!failure) throw error;
    process.stderr.write(`rapport: ${failure.line}\n`);
    process.exit(failure.exitCode);
  }
}
