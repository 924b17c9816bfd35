import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { claimIdempotentRequest, settleIdempotentRequest } from '../use-cases/idempotent-requests.js';

const HEADER = 'idempotency-key';

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
    const claim = await claimIdempotentRequest(ctx, { scope, key, requestHash: requestHash(request) });
    if (claim.run) {
      request.idempotency = { scope, key };
      return;
    }
    reply.header('idempotent-replayed', 'true');
    return reply
      .code(claim.status)
      .type(claim.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8')
      .serializer((payload: unknown) => payload as string)
      .send(claim.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    await settleIdempotentRequest(ctx, claim, reply.statusCode, typeof payload === 'string' ? payload : '');
    return payload;
  });
}
