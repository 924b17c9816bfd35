import type { Db, Trx } from './database.js';

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';
export const UNIQUE_VIOLATION = '23505';

export function pgErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function constraintOf(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

export interface TransactionOptions {
  /** Also retry when this unique index refuses a write: the retry sees the row that won. */
  retryOnUniqueViolation?: boolean;
  attempts?: number;
}

/**
 * Runs `work` in one transaction, retrying it when PostgreSQL aborted it for a deadlock or a
 * serialization failure — the retry reads the state the winner committed.
 */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const code = pgErrorCode(error);
      const retryable =
        code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED || (options.retryOnUniqueViolation === true && code === UNIQUE_VIOLATION);
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
