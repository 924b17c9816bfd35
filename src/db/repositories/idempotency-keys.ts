import { sql, type Selectable } from 'kysely';
import type { Executor } from '../database.js';
import type { IdempotencyKeysTable } from '../schema.js';

export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

/**
 * Takes `(scope, key)` for a request now running, in one statement: a new key, one kept since
 * before `expiredBefore`, or one of the same request still "running" since before `abandonedBefore`
 * (its process died). Answers whether the key was taken.
 */
export async function claimIdempotencyKey(
  db: Executor,
  claim: { scope: string; key: string; requestHash: string },
  now: Date,
  expiredBefore: Date,
  abandonedBefore: Date,
): Promise<boolean> {
  const claimed = await sql<{ key: string }>`
      insert into idempotency_keys (scope, key, request_hash, state, created_at)
      values (${claim.scope}, ${claim.key}, ${claim.requestHash}, 'running', ${now})
      on conflict (scope, key) do update
        set request_hash = excluded.request_hash, state = 'running', response_status = null,
            response_body = null, created_at = excluded.created_at
        where idempotency_keys.created_at < ${expiredBefore}
           or (idempotency_keys.state = 'running' and idempotency_keys.request_hash = excluded.request_hash
               and idempotency_keys.created_at < ${abandonedBefore})
      returning key`.execute(db);
  return claimed.rows.length > 0;
}

export async function findIdempotencyKey(db: Executor, scope: string, key: string): Promise<IdempotencyKeyRow | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

export async function deleteIdempotencyKey(db: Executor, scope: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
}

/** Keeps the answer of a finished request, for retries with the same key to replay. */
export async function saveIdempotentResponse(db: Executor, scope: string, key: string, status: number, body: string): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', response_status: status, response_body: body })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}
