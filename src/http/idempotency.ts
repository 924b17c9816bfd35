import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';

const HEADER = 'idempotency-key';
const KEEP_MS = 24 * 60 * 60 * 1000;
/**
 * A key still "running" after this long belongs to a process that died mid-request: a retry may
 * run the request again. Sends are safe to re-run: the invitation remembers its key.
 */
const ABANDONED_MS = 8_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/**
 * Stripe's `Idempotency-Key` semantics for every POST: the same key with the same request replays
 * the first answer; with a different request it is refused (422); while the first is still running
 * a retry is told so (409). Keys belong to the member who sent them and are kept 24 hours.
 * A 5xx answer is not kept, so the client can retry it.
 */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const key = request.headers[HEADER];
    if (key === undefined) return;
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      throw new DomainError('validation_failed', 'The Idempotency-Key header must be 1 to 255 characters.');
    }
    const scope = request.actor ? `member:${request.actor.memberId}` : 'anonymous';
    const hash = requestHash(request);
    const now = ctx.clock.now();

    const claimed = await sql<{ key: string }>`
      insert into idempotency_keys (scope, key, request_hash, state, created_at)
      values (${scope}, ${key}, ${hash}, 'running', ${now})
      on conflict (scope, key) do update
        set request_hash = excluded.request_hash, state = 'running', response_status = null,
            response_body = null, created_at = excluded.created_at
        where idempotency_keys.created_at < ${new Date(now.getTime() - KEEP_MS)}
           or (idempotency_keys.state = 'running' and idempotency_keys.request_hash = excluded.request_hash
               and idempotency_keys.created_at < ${new Date(now.getTime() - ABANDONED_MS)})
      returning key`.execute(ctx.db);
    if (claimed.rows.length > 0) {
      request.idempotency = { scope, key };
      return;
    }
    const existing = await ctx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!existing) throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key is being processed; retry shortly.');
    if (existing.request_hash !== hash) {
      throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
    }
    if (existing.state === 'running') {
      throw new DomainError('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.');
    }
    reply.header('idempotent-replayed', 'true');
    const body = existing.response_body ?? '';
    const problem = (existing.response_status ?? 200) >= 400;
    return reply
      .code(existing.response_status ?? 200)
      .type(problem ? 'application/problem+json' : 'application/json; charset=utf-8')
      .serializer((payload: unknown) => payload as string)
      .send(body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500) {
      await ctx.db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
    } else {
      await ctx.db
        .updateTable('idempotency_keys')
        .set({ state: 'done', response_status: reply.statusCode, response_body: typeof payload === 'string' ? payload : '' })
        .where('scope', '=', claim.scope)
        .where('key', '=', claim.key)
        .execute();
    }
    return payload;
  });
}
