import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { InvitationRow, MemberRow } from '../../db/schema.js';
import { acceptInvitation } from '../../use-cases/accept-invitation.js';
import { answerInvitation } from '../../use-cases/answer-invitation.js';
import { hideSentInvitation, resendInvitation, withdrawInvitation, withdrawOlderThan } from '../../use-cases/manage-sent-invitation.js';
import { listReceived, listSent, loadInvitationMembers, loadReceivedParties, openInvitation } from '../../use-cases/read-invitations.js';
import { presentMemberSummary } from '../presenters/members.js';
import { listThread, replyToInvitation } from '../../use-cases/reply-to-invitation.js';
import { degreesFrom } from '../../use-cases/degrees.js';
import { sendInvitation } from '../../use-cases/send-invitation.js';
import { DomainError } from '../../domain/errors.js';
import { reinviteAfterWithdrawal } from '../../domain/reinvite.js';
import { requireActor } from '../auth.js';
import { decodeCursor, encodeCursor, pageOf } from '../cursor.js';
import { presentInvitation, presentSentInvitation } from '../presenters/invitations.js';
import { fromId, idParams, isoDate, listOf, problemSchema, toId } from '../schemas/common.js';
import {
  bulkAnswerBody,
  invitationSchema,
  messageSchema,
  receivedInvitationSchema,
  receivedQuery,
  replyBody,
  reportBody,
  sendInvitationBody,
  sentInvitationSchema,
  sentQuery,
  withdrawOlderBody,
} from '../schemas/invitations.js';
import { typed, type RouteDeps } from './deps.js';

const invitationAnswer = z.object({ invitation: invitationSchema });
const problems = { 404: problemSchema, 409: problemSchema };

export function invitationRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['invitations'];

  async function present(viewerId: number, invitation: InvitationRow, role: 'sender' | 'recipient', known?: readonly MemberRow[]) {
    const parties = [invitation.sender_id, ...(invitation.recipient_id === null ? [] : [invitation.recipient_id])];
    const members = known && parties.every((id) => known.some((m) => m.id === id)) ? new Map(known.map((m) => [m.id, m])) : await loadInvitationMembers(ctx, viewerId, [invitation]);
    return presentInvitation(invitation, role, members);
  }

  api.post(
    '/invitations',
    {
      schema: {
        tags,
        summary: 'Invite a member (or an email address) to connect',
        description:
          'When the recipient already has a pending invitation to you, that one is accepted instead and the answer is `200 {invitation, connected: true}`.',
        body: sendInvitationBody,
        response: {
          201: invitationAnswer,
          200: z.object({ invitation: invitationSchema, connected: z.literal(true) }),
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
          428: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { recipientId, ...rest } = request.body;
      const idempotencyKey = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : undefined;
      const result = await sendInvitation(ctx, actor.memberId, { ...rest, recipientId: recipientId === undefined ? undefined : fromId(recipientId), idempotencyKey });
      if (result.kind === 'crossing_accepted') {
        return reply.code(200).send({ invitation: await present(actor.memberId, result.invitation, 'recipient'), connected: true as const });
      }
      return reply.code(201).send({ invitation: await present(actor.memberId, result.invitation, 'sender', result.members) });
    },
  );

  api.get(
    '/invitations/received',
    { schema: { tags, summary: 'Invitations you received, newest first', querystring: receivedQuery, response: { 200: listOf(receivedInvitationSchema) } } },
    async (request) => {
      const actor = requireActor(request);
      const { status, q, limit } = request.query;
      const rows = await listReceived(ctx, actor.memberId, { status, q, limit, cursor: decodeCursor(request.query.cursor) });
      const { items: page, nextCursor } = pageOf(rows, limit, (last) => encodeCursor({ at: last.created_at, id: last.id }));
      const { members, mutuals, top } = await loadReceivedParties(ctx, actor.memberId, page);
      const degrees = await degreesFrom(ctx, actor.memberId, page.map((row) => row.sender_id));
      return {
        items: page.map((row) => ({
          ...presentInvitation(row, 'recipient', members),
          degree: degrees.get(row.sender_id) ?? null,
          mutualConnections: mutuals.get(row.sender_id) ?? 0,
          topMutualConnection: top.has(row.sender_id) ? presentMemberSummary(top.get(row.sender_id)!) : null,
        })),
        nextCursor,
      };
    },
  );

  api.get(
    '/invitations/sent',
    { schema: { tags, summary: 'Invitations you sent, with what you can still do about each', querystring: sentQuery, response: { 200: listOf(sentInvitationSchema) } } },
    async (request) => {
      const actor = requireActor(request);
      const { status, q, limit } = request.query;
      const rows = await listSent(ctx, actor.memberId, { status, q, limit, cursor: decodeCursor(request.query.cursor) });
      const { items: page, nextCursor } = pageOf(rows, limit, (last) => encodeCursor({ at: last.created_at, id: last.id }));
      const members = await loadInvitationMembers(ctx, actor.memberId, page);
      const degrees = await degreesFrom(ctx, actor.memberId, page.map((row) => row.recipient_id));
      return {
        items: page.map((row) => ({ ...presentSentInvitation(row, members, ctx.policy), degree: row.recipient_id === null ? null : (degrees.get(row.recipient_id) ?? null) })),
        nextCursor,
      };
    },
  );

  api.get(
    '/invitations/:id',
    { schema: { tags, summary: 'One invitation; opening it as the recipient marks it viewed', params: idParams, response: { 200: invitationAnswer, 404: problemSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { invitation, role } = await openInvitation(ctx, actor.memberId, fromId(request.params.id));
      return { invitation: await present(actor.memberId, invitation, role) };
    },
  );

  api.post(
    '/invitations/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept: you become 1st-degree connections and the sender is told',
        params: idParams,
        response: { 200: z.object({ invitation: invitationSchema, connection: z.object({ memberId: z.string(), connectedAt: z.string() }) }), ...problems },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const accepted = await acceptInvitation(ctx, actor.memberId, fromId(request.params.id));
      return {
        invitation: await present(actor.memberId, accepted.invitation, 'recipient'),
        connection: { memberId: toId(accepted.invitation.sender_id), connectedAt: accepted.connectedAt.toISOString() },
      };
    },
  );

  const answers = [
    ['ignore', 'Ignore: the sender is not told and reminders stop'],
    ['decline', 'Decline: the sender is told and cannot invite you again'],
  ] as const;
  for (const [action, summary] of answers) {
    api.post(`/invitations/:id/${action}`, { schema: { tags, summary, params: idParams, response: { 200: invitationAnswer, ...problems } } }, async (request) => {
      const actor = requireActor(request);
      const invitation = await answerInvitation(ctx, actor.memberId, fromId(request.params.id), { action });
      return { invitation: await present(actor.memberId, invitation, 'recipient') };
    });
  }

  api.post(
    '/invitations/:id/report',
    {
      schema: {
        tags,
        summary: '"I don\'t know this person" or spam: counts against the sender\'s standing; they cannot invite you again',
        params: idParams,
        body: reportBody,
        response: { 200: invitationAnswer, ...problems },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const invitation = await answerInvitation(ctx, actor.memberId, fromId(request.params.id), { action: 'report', reason: request.body.reason });
      return { invitation: await present(actor.memberId, invitation, 'recipient') };
    },
  );

  api.post(
    '/invitations/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw: the recipient is not told; it still counts against your quota',
        params: idParams,
        response: { 200: invitationAnswer.extend({ reinviteAfter: isoDate.describe('when you may invite the same person again') }), ...problems },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const invitation = await withdrawInvitation(ctx, actor.memberId, fromId(request.params.id));
      return { invitation: await present(actor.memberId, invitation, 'sender'), reinviteAfter: reinviteAfterWithdrawal(invitation.responded_at ?? ctx.clock.now(), ctx.policy).toISOString() };
    },
  );

  api.post(
    '/invitations/:id/resend',
    { schema: { tags, summary: 'Remind the recipient of a pending invitation', params: idParams, response: { 200: invitationAnswer, ...problems } } },
    async (request) => {
      const actor = requireActor(request);
      const invitation = await resendInvitation(ctx, actor.memberId, fromId(request.params.id));
      return { invitation: await present(actor.memberId, invitation, 'sender') };
    },
  );

  api.post(
    '/invitations/:id/reply',
    { schema: { tags, summary: 'Write to the other party without accepting', params: idParams, body: replyBody, response: { 201: z.object({ message: messageSchema }), ...problems } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const message = await replyToInvitation(ctx, actor.memberId, fromId(request.params.id), request.body.message);
      return reply.code(201).send({ message: presentMessage(message) });
    },
  );

  api.get(
    '/invitations/:id/messages',
    {
      schema: {
        tags,
        summary: "The invitation's message thread, oldest first, and whether you may write on it now",
        description: '`canWrite` is false, with `cannotWrite` saying why, when the invitation is closed or when the sender must wait for the recipient to write first.',
        params: idParams,
        response: {
          200: z.object({ items: z.array(messageSchema), canWrite: z.boolean(), cannotWrite: z.enum(['closed', 'wait_for_recipient']).nullable() }),
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const thread = await listThread(ctx, actor.memberId, fromId(request.params.id));
      return { items: thread.items.map(presentMessage), canWrite: thread.cannotWrite === null, cannotWrite: thread.cannotWrite };
    },
  );

  api.delete('/invitations/:id', { schema: { tags, summary: 'Remove a finished invitation from your sent list', params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await hideSentInvitation(ctx, actor.memberId, fromId(request.params.id));
    return reply.code(204).send();
  });

  api.post(
    '/invitations/sent/withdraw-older',
    {
      schema: {
        tags,
        summary: 'Withdraw every pending invitation you sent more than N days ago',
        body: withdrawOlderBody,
        response: { 200: z.object({ withdrawn: z.number().int(), reinviteAfter: isoDate.nullable().describe('when you may invite those people again; null when none was withdrawn') }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const withdrawn = await withdrawOlderThan(ctx, actor.memberId, request.body.olderThanDays);
      return { withdrawn, reinviteAfter: withdrawn > 0 ? reinviteAfterWithdrawal(ctx.clock.now(), ctx.policy).toISOString() : null };
    },
  );

  api.post(
    '/invitations/received/bulk',
    {
      schema: {
        tags,
        summary: 'Accept or ignore several received invitations; each reports its own outcome',
        body: bulkAnswerBody,
        response: { 200: z.object({ results: z.array(z.object({ id: z.string(), ok: z.boolean(), code: z.string().optional() })) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const results = [];
      for (const id of [...new Set(request.body.ids)]) {
        try {
          if (request.body.action === 'accept') await acceptInvitation(ctx, actor.memberId, fromId(id));
          else await answerInvitation(ctx, actor.memberId, fromId(id), { action: 'ignore' });
          results.push({ id, ok: true });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          results.push({ id, ok: false, code: error.code });
        }
      }
      return { results };
    },
  );
}

function presentMessage(message: { id: number; invitation_id: number; author_id: number; body: string; created_at: Date }) {
  return {
    id: toId(message.id),
    invitationId: toId(message.invitation_id),
    authorId: toId(message.author_id),
    body: message.body,
    createdAt: message.created_at.toISOString(),
  };
}
