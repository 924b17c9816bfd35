import { sql } from 'kysely';
import { openDatabase, type Database, type DatabaseOptions } from './database.js';

/** PostgreSQL could not be reached within the wait: the one line `serve` and `worker` end with. */
export class DatabaseUnavailableError extends Error {}

/** Errors that mean "not up yet" (refused, starting, unreachable), worth another try. */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P03', '08006', '08001']);

export function isTransientConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code && TRANSIENT_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isTransientConnectionError);
  return /Connection terminated|timeout expired/i.test((error as Error | null)?.message ?? '');
}

export interface WaitOptions {
  /** Give up after this long (seconds). */
  maxSeconds: number;
  /** Called before each wait, with the attempt that failed and the pause to come. */
  onRetry?: (attempt: { attempt: number; error: string; retryInMs: number; waitedMs: number }) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** 0.5 s, 1 s, 2 s, … at most 10 s between tries. */
export function backoffDelay(attempt: number, firstDelayMs = 500, maxDelayMs = 10_000): number {
  return Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
}

function describe(error: unknown): string {
  const failure = error as { code?: string; message?: string; errors?: unknown[] };
  const inner = error instanceof AggregateError && error.errors[0] ? (error.errors[0] as { code?: string; message?: string }) : failure;
  const message = inner.message || failure.message || '';
  return inner.code && !message.includes(inner.code) ? `${inner.code} ${message}`.trim() : message;
}

function where(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'the DATABASE_URL server';
  }
}

/**
 * Opens the database, and for PostgreSQL keeps trying with growing pauses while it is not up yet
 * (services start in any order). Any other failure (bad password, no such database) is thrown at once.
 */
export async function openDatabaseWhenReady(options: DatabaseOptions, wait: WaitOptions): Promise<Database> {
  if (!options.databaseUrl) return openDatabase(options);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const database = await openDatabase(options);
    try {
      await sql`select 1`.execute(database.db);
      return database;
    } catch (error) {
      await database.close().catch(() => {});
      if (!isTransientConnectionError(error)) throw error;
      const waitedMs = Date.now() - started;
      const retryInMs = Math.min(backoffDelay(attempt, wait.firstDelayMs, wait.maxDelayMs), Math.max(0, wait.maxSeconds * 1000 - waitedMs));
      if (retryInMs <= 0) {
        throw new DatabaseUnavailableError(
          `PostgreSQL at ${where(options.databaseUrl)} did not answer within ${wait.maxSeconds} s (${describe(error)}): start it or fix DATABASE_URL, or wait longer with RAPPORT_DB_WAIT_SECONDS`,
        );
      }
      wait.onRetry?.({ attempt, error: describe(error), retryInMs, waitedMs });
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    }
  }
}
