import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { connectByInviteLink } from '../../use-cases/connect-by-invite-link.js';
import { getInviteLink, inviteLinkUrl, rotateInviteLink, updateInviteLink, type InviteLinkRow } from '../../use-cases/manage-invite-link.js';
import { loadInvitationParties } from '../../use-cases/read-invitations.js';
import { viewInviteLink } from '../../use-cases/view-invite-link.js';
import { requireActor } from '../auth.js';
import { presentInvitation } from '../presenters/invitations.js';
import { presentMemberSummary } from '../presenters/members.js';
import { problemSchema } from '../schemas/common.js';
import { invitationSchema } from '../schemas/invitations.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export const linkSchema = z.object({ url: z.string(), token: z.string(), enabled: z.boolean(), autoAccept: z.boolean() });
const tokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a link token') });

export function inviteLinkRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['invite-links'];
  const present = (link: InviteLinkRow) => ({ url: inviteLinkUrl(ctx, link.token), token: link.token, enabled: link.enabled, autoAccept: link.auto_accept });

  api.get(
    '/me/invite-link',
    { schema: { tags, summary: 'Your personal "invite me" link (made on first use)', response: { 200: linkSchema } } },
    async (request) => present(await getInviteLink(ctx, requireActor(request).memberId)),
  );

  api.patch(
    '/me/invite-link',
    {
      schema: {
        tags,
        summary: 'Switch your link off or on; with autoAccept, visitors are connected at once',
        body: z.strictObject({ enabled: z.boolean().optional(), autoAccept: z.boolean().optional() }),
        response: { 200: linkSchema },
      },
    },
    async (request) => present(await updateInviteLink(ctx, requireActor(request).memberId, request.body)),
  );

  api.post(
    '/me/invite-link/rotate',
    { schema: { tags, summary: 'A new link; the old one stops working', response: { 200: linkSchema } } },
    async (request) => present(await rotateInviteLink(ctx, requireActor(request).memberId)),
  );

  api.get(
    '/invite-links/:token',
    {
      schema: {
        tags,
        summary: 'Public preview of an invite-me link: whose it is. 404 when switched off or rotated',
        description: 'Works without signing in. Signed in, `you` says whether you are the owner, already connected, or have an invitation open with them.',
        params: tokenParams,
        response: {
          200: z.object({
            owner: memberSummarySchema,
            autoAccept: z.boolean(),
            you: z.object({ isOwner: z.boolean(), connected: z.boolean(), invitationPending: z.boolean() }).nullable(),
          }),
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const { link, owner, you } = await viewInviteLink(ctx, request.params.token, request.actor?.memberId ?? null);
      return { owner: presentMemberSummary(owner), autoAccept: link.auto_accept, you };
    },
  );

  api.post(
    '/invite-links/:token/connect',
    {
      schema: {
        tags,
        summary: "Ask the link's owner to connect, in one click: your invitation, on your quota",
        description:
          '`201 {invitation, connected: false}` waits for the owner; `201 {…, connected: true}` when the link auto-accepts; `200 {…, connected: true}` when the owner had already invited you. ' +
          'Refusals are those of `POST /invitations` (e.g. `quota_exceeded`, `already_connected`, `invitation_pending`); a link switched off or rotated is `404`.',
        params: tokenParams,
        body: z.strictObject({ note: z.string().max(5000).optional() }).nullish(),
        response: { 200: z.object({ invitation: invitationSchema, connected: z.boolean() }), 201: z.object({ invitation: invitationSchema, connected: z.boolean() }), 404: problemSchema, 409: problemSchema, 422: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { invitation, how } = await connectByInviteLink(ctx, actor.memberId, request.params.token, { note: request.body?.note });
      const { members } = await loadInvitationParties(ctx, actor.memberId, [invitation]);
      const role = invitation.sender_id === actor.memberId ? 'sender' : 'recipient';
      return reply.code(how === 'crossing' ? 200 : 201).send({ invitation: presentInvitation(invitation, role, members), connected: how !== 'sent' });
    },
  );
}
