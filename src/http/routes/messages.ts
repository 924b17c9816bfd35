import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readConversation, sendMessage, type Message } from '../../use-cases/messages.js';
import { listConversationSummaries } from '../../use-cases/read-conversations.js';
import { requireActor } from '../auth.js';
import { pageOf } from '../cursor.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idSchema, problemSchema, toId } from '../schemas/common.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export const messageSchema = z.object({ id: idSchema, senderId: idSchema, recipientId: idSchema, kind: z.enum(['direct', 'inmail']), body: z.string(), createdAt: z.string(), readAt: z.string().nullable() });

function present(message: Message) {
  return {
    id: toId(message.id),
    senderId: toId(message.sender_id),
    recipientId: toId(message.recipient_id),
    kind: message.kind,
    body: message.body,
    createdAt: message.created_at.toISOString(),
    readAt: message.read_at?.toISOString() ?? null,
  };
}

export function messageRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['messages'];

  api.post(
    '/messages',
    {
      schema: {
        tags,
        summary: 'Write to a member: free between connections and in answer; otherwise an InMail credit',
        body: z.strictObject({ recipientId: idSchema, body: z.string().max(20_000) }),
        response: { 201: z.object({ message: messageSchema }), 403: problemSchema, 404: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const message = await sendMessage(ctx, actor.memberId, fromId(request.body.recipientId), request.body.body);
      return reply.code(201).send({ message: present(message) });
    },
  );

  api.get(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'Your conversations, most recent first',
        response: { 200: z.object({ items: z.array(z.object({ member: memberSummarySchema, lastMessage: messageSchema, unread: z.number().int() })) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const conversations = await listConversationSummaries(ctx, actor.memberId);
      return { items: conversations.map((c) => ({ member: presentMemberSummary(c.member), lastMessage: present(c.lastMessage), unread: c.unread })) };
    },
  );

  api.get(
    '/conversations/:memberId/messages',
    {
      schema: {
        tags,
        summary: 'Messages with one member, newest first; opening it marks theirs read',
        params: z.strictObject({ memberId: idSchema }),
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(30), cursor: idSchema.optional() }),
        response: { 200: z.object({ items: z.array(messageSchema), nextCursor: z.string().nullable() }), 404: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit, cursor } = request.query;
      const rows = await readConversation(ctx, actor.memberId, fromId(request.params.memberId), limit, cursor ? fromId(cursor) : null);
      const page = pageOf(rows, limit, (last) => toId(last.id));
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );
}
