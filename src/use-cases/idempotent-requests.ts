import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { claimIdempotencyKey, deleteIdempotencyKey, findIdempotencyKey, saveIdempotentResponse } from '../db/repositories/idempotency-keys.js';

const KEEP_MS = 24 * 60 * 60 * 1000;
/**
 * A key still "running" after this long belongs to a process that died mid-request: a retry may
 * run the request again. Sends are safe to re-run: the invitation remembers its key.
 */
const ABANDONED_MS = 8_000;

/** A request's `Idempotency-Key`, in the scope of who sent it, and what the request was (a hash). */
export interface IdempotentRequest {
  scope: string;
  key: string;
  requestHash: string;
}

/** Run the request (the key is now its), or replay the first answer given to it. */
export type IdempotencyClaim = { run: true } | { run: false; status: number; body: string };

/**
 * Stripe's `Idempotency-Key` semantics: the same key with the same request replays the first
 * answer; with a different request it is refused (`idempotency_key_reused`); while the first is
 * still running a retry is told so (`idempotency_in_progress`). Keys are kept 24 hours.
 */
export async function claimIdempotentRequest(ctx: AppContext, request: IdempotentRequest): Promise<IdempotencyClaim> {
  const now = ctx.clock.now();
  if (await claimIdempotencyKey(ctx.db, request, now, new Date(now.getTime() - KEEP_MS), new Date(now.getTime() - ABANDONED_MS))) return { run: true };
  const existing = await findIdempotencyKey(ctx.db, request.scope, request.key);
  if (!existing) throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key is being processed; retry shortly.');
  if (existing.request_hash !== request.requestHash) {
    throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
  }
  if (existing.state === 'running') {
    throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.');
  }
  return { run: false, status: existing.response_status ?? 200, body: existing.response_body ?? '' };
}

/** Keeps the answer to a claimed request for its retries; a failure (5xx) is forgotten, so a retry runs again. */
export async function settleIdempotentRequest(ctx: AppContext, claim: { scope: string; key: string }, status: number, body: string): Promise<void> {
  if (status >= 500) await deleteIdempotencyKey(ctx.db, claim.scope, claim.key);
  else await saveIdempotentResponse(ctx.db, claim.scope, claim.key, status, body);
}
