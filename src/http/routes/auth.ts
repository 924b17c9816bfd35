import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { logIn, logOut } from '../../use-cases/sessions.js';
import { signUp } from '../../use-cases/sign-up.js';
import { requestEmailVerification, verifyEmail } from '../../use-cases/verify-email.js';
import { loadOwnProfileParts } from '../../use-cases/view-own-profile.js';
import { clearSessionCookies, requireActor, setSessionCookies } from '../auth.js';
import { presentOwnProfile } from '../presenters/members.js';
import { problemSchema } from '../schemas/common.js';
import { authAnswerSchema, logInBody, signUpBody } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export function authRoutes(app: FastifyInstance, { ctx, auth }: RouteDeps): void {
  const api = typed(app);

  api.post(
    '/auth/signup',
    { schema: { tags: ['auth'], summary: 'Create an account', security: [], body: signUpBody, response: { 201: authAnswerSchema, 409: problemSchema, 422: problemSchema, 429: problemSchema } } },
    async (request, reply) => {
      const { session, ...input } = request.body;
      const kind = session === 'cookie' ? 'session' : 'bearer';
      const { member, issued } = await signUp(ctx, { ...input, clientAddress: request.ip }, kind);
      if (kind === 'session') setSessionCookies(request, reply, issued);
      const profile = presentOwnProfile(member, await loadOwnProfileParts(ctx, member.id));
      return reply.code(201).send({ member: profile, token: kind === 'bearer' ? issued.token : null, ...(issued.csrfToken ? { csrfToken: issued.csrfToken } : {}) });
    },
  );

  api.post(
    '/auth/login',
    { schema: { tags: ['auth'], summary: 'Sign in', security: [], body: logInBody, response: { 200: authAnswerSchema, 401: problemSchema, 422: problemSchema, 429: problemSchema } } },
    async (request, reply) => {
      const kind = request.body.session === 'cookie' ? 'session' : 'bearer';
      const { member, issued, reopened } = await logIn(ctx, request.body.email, request.body.password, kind, { clientAddress: request.ip, captcha: request.body.captcha });
      if (kind === 'session') setSessionCookies(request, reply, issued);
      const profile = presentOwnProfile(member, await loadOwnProfileParts(ctx, member.id));
      return { member: profile, token: kind === 'bearer' ? issued.token : null, ...(issued.csrfToken ? { csrfToken: issued.csrfToken } : {}), ...(reopened ? { reopened } : {}) };
    },
  );

  api.post(
    '/auth/verify-email',
    { schema: { tags: ['auth'], summary: 'Confirm your address with the mailed token; invitations sent to it become yours', body: z.strictObject({ token: z.string().max(2000) }), response: { 200: z.object({ converted: z.number().int() }) } } },
    async (request) => {
      const actor = requireActor(request);
      const converted = await verifyEmail(ctx, actor.memberId, request.body.token);
      auth.forget(actor.tokenHash); // a proven address may bring the admin role: read it again
      return { converted };
    },
  );

  api.post(
    '/me/email/verification',
    { schema: { tags: ['auth'], summary: 'Mail yourself a link that confirms your address', response: { 202: z.object({ sent: z.literal(true) }) } } },
    async (request, reply) => {
      await requestEmailVerification(ctx, requireActor(request).memberId);
      return reply.code(202).send({ sent: true as const });
    },
  );

  api.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out: the token or session stops working at once', response: { 204: z.null() } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await logOut(ctx, actor.tokenHash);
      auth.forget(actor.tokenHash);
      if (actor.via === 'cookie') clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );
}
