import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findMemberSummaries } from '../../db/repositories/members.js';
import { listConversations, readConversation, sendMessage, type Message } from '../../use-cases/messages.js';
import { requireActor } from '../auth.js';
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
      const conversations = await listConversations(ctx, actor.memberId);
      const [members, lasts] = await Promise.all([
        findMemberSummaries(ctx.db, conversations.map((c) => c.otherId)),
        conversations.length ? ctx.db.selectFrom('messages').selectAll().where('id', 'in', conversations.map((c) => c.lastId)).execute() : Promise.resolve([]),
      ]);
      const memberById = new Map(members.map((m) => [m.id, m]));
      const lastById = new Map(lasts.map((m) => [m.id, m]));
      return {
        items: conversations.flatMap((c) => {
          const member = memberById.get(c.otherId);
          const last = lastById.get(c.lastId);
          return member && last ? [{ member: presentMemberSummary(member), lastMessage: present(last), unread: c.unread }] : [];
        }),
      };
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
      const page = rows.slice(0, limit);
      return { items: page.map(present), nextCursor: rows.length > limit ? toId(page.at(-1)!.id) : null };
    },
  );
}
