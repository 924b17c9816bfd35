import type { Db, Trx } from './database.js';

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';
export const UNIQUE_VIOLATION = '23505';

export function pgErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export interface TransactionOptions {
  /** Also retry when this unique index refuses a write: the retry sees the row that won. */
  retryOnUniqueViolation?: boolean;
  attempts?: number;
}

type CommitListener = (topics: ReadonlySet<string>) => void;

/** Outbox topics written in each open transaction, for `onCommitted` listeners. */
const topicsOf = new WeakMap<object, Set<string>>();
const listenersOf = new WeakMap<object, Set<CommitListener>>();

/** Notes that `trx` wrote an outbox event of `topic` (called by `appendEvent`). */
export function noteTopicWritten(trx: Trx, topic: string): void {
  let topics = topicsOf.get(trx);
  if (!topics) topicsOf.set(trx, (topics = new Set()));
  topics.add(topic);
}

/**
 * Calls `listener` with the outbox topics of every transaction that `inTransaction` commits on `db`,
 * once it has committed (how this process's graph index learns of its own writes at once).
 * Answers a function that removes the listener.
 */
export function onCommitted(db: Db, listener: CommitListener): () => void {
  let listeners = listenersOf.get(db);
  if (!listeners) listenersOf.set(db, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notifyCommitted(db: Db, topics: Set<string> | undefined): void {
  if (!topics || topics.size === 0) return;
  for (const listener of listenersOf.get(db) ?? []) listener(topics);
}

/**
 * Runs `work` in one transaction, retrying it when PostgreSQL aborted it for a deadlock or a
 * serialization failure — the retry reads the state the winner committed.
 */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      let written: Set<string> | undefined;
      const result = await db.transaction().execute(async (trx) => {
        try {
          return await work(trx);
        } finally {
          written = topicsOf.get(trx);
        }
      });
      notifyCommitted(db, written);
      return result;
    } catch (error) {
      const code = pgErrorCode(error);
      const retryable =
        code === SERIALIZATION_FAILURE || code === DEADLOCK_DETECTED || (options.retryOnUniqueViolation === true && code === UNIQUE_VIOLATION);
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
