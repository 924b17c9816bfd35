import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { closeAccount, closeOwnAccount, type ClosedAccount } from '../../use-cases/close-account.js';
import { clearSessionCookies, requireActor, requireAdmin } from '../auth.js';
import { fromId, idParams, problemSchema, toId } from '../schemas/common.js';
import { typed, type RouteDeps } from './deps.js';

const closingSchema = z.object({
  closing: z.object({
    memberId: z.string(),
    closingAt: z.string(),
    eraseAfter: z.string().describe('when the account and every row naming it are erased; signing in before then reopens it'),
    graceDays: z.number().describe('the policy\'s `closeGraceDays`'),
  }),
});

function present(closed: ClosedAccount, graceDays: number) {
  return { closing: { memberId: toId(closed.memberId), closingAt: closed.closingAt.toISOString(), eraseAfter: closed.eraseAfter.toISOString(), graceDays } };
}

/** Closing an account: by the member with their password, or by an operator for a member who asked by other means. */
export function accountClosureRoutes(app: FastifyInstance, { ctx, auth }: RouteDeps): void {
  const api = typed(app);

  api.post(
    '/me/close',
    {
      schema: {
        tags: ['me'],
        summary: 'Close your account: hidden at once, erased after the grace period (`closeGraceDays`); signing in before then reopens it',
        body: z.strictObject({ password: z.string().min(1).max(1000) }),
        response: { 202: closingSchema, 401: problemSchema, 403: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const closed = await closeOwnAccount(ctx, actor.memberId, request.body.password, request.ip);
      auth.forget(actor.tokenHash);
      if (actor.via === 'cookie') clearSessionCookies(request, reply);
      return reply.code(202).send(present(closed, ctx.policy.closeGraceDays));
    },
  );

  api.post(
    '/admin/members/:id/close',
    {
      schema: {
        tags: ['admin'],
        summary: 'Close a member\'s account for them (they asked by other means): the same closure as their own',
        params: idParams,
        response: { 202: closingSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const admin = requireAdmin(request);
      const closed = await closeAccount(ctx, fromId(request.params.id), 'admin');
      request.log.info({ audit: 'member.closed', memberId: closed.memberId, by: admin.memberId, at: closed.closingAt.toISOString() }, 'account closed by an operator');
      return reply.code(202).send(present(closed, ctx.policy.closeGraceDays));
    },
  );
}
