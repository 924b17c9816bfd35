import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { followMember, setFollowPrimary, unfollowMember } from '../../use-cases/follow-member.js';
import { countFollowersOf, countFollowingOf, isFollowPrimary } from '../../use-cases/count-follows.js';
import { followRelationship, listFollowers, listFollowing, type FollowItem } from '../../use-cases/read-follows.js';
import { requireActor, viewerOf } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idSchema, isoDate, listOf, problemSchema } from '../schemas/common.js';
import { memberSummarySchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

const memberIdParams = z.strictObject({ memberId: idSchema });
const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const relationshipSchema = z.object({
  following: z.boolean(),
  followedBy: z.boolean(),
  connected: z.boolean(),
  canFollow: z.boolean(),
  canConnect: z.object({ allowed: z.boolean(), code: z.string().optional(), requiresEmail: z.boolean() }),
  followPrimary: z.boolean(),
  primaryAction: z.enum(['connect', 'follow']).nullable(),
  followers: z.number().int(),
});

export function followRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['follows'];

  const itemOf = (item: FollowItem) => ({ member: presentMemberSummary(item.member), since: item.since.toISOString(), connected: item.connected });
  const nextCursorOf = (items: FollowItem[], hasMore: boolean) => {
    const last = items.at(-1);
    return hasMore && last ? encodeCursor({ at: last.since, id: last.member.id }) : null;
  };

  api.post(
    '/follows',
    {
      schema: {
        tags,
        summary: 'Follow a member without connecting (a company page, a member at the connection limit: anyone visible)',
        body: z.strictObject({ memberId: idSchema }),
        response: { 201: z.object({ relationship: relationshipSchema }), 200: z.object({ relationship: relationshipSchema }), 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const memberId = fromId(request.body.memberId);
      const { started } = await followMember(ctx, actor.memberId, memberId);
      return reply.code(started ? 201 : 200).send({ relationship: await followRelationship(ctx, viewerOf(actor), memberId) });
    },
  );

  api.delete(
    '/follows/:memberId',
    { schema: { tags, summary: 'Stop following; a connection stays connected', params: memberIdParams, response: { 204: z.null(), 404: problemSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await unfollowMember(ctx, actor.memberId, fromId(request.params.memberId));
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/follows/:memberId',
    {
      schema: {
        tags,
        summary: 'How you relate to a member as follower: following, followed by, canFollow, canConnect and the primary button',
        params: memberIdParams,
        response: { 200: z.object({ relationship: relationshipSchema }), 404: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { relationship: await followRelationship(ctx, viewerOf(actor), fromId(request.params.memberId)) };
    },
  );

  api.get(
    '/follows',
    {
      schema: {
        tags,
        summary: 'Members you follow (connections included unless you unfollowed them), most recent first',
        querystring: pageQuery,
        response: { 200: listOf(z.object({ member: memberSummarySchema, since: isoDate, connected: z.boolean(), followsYou: z.boolean() })).extend({ total: z.number().int() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit } = request.query;
      const [{ items, hasMore }, total] = await Promise.all([
        listFollowing(ctx, actor.memberId, { limit, before: decodeCursor(request.query.cursor) }),
        countFollowingOf(ctx, actor.memberId),
      ]);
      return { items: items.map((item) => ({ ...itemOf(item), followsYou: item.mutual })), nextCursor: nextCursorOf(items, hasMore), total };
    },
  );

  api.get(
    '/followers',
    {
      schema: {
        tags,
        summary: 'Members who follow you (connections included unless they unfollowed you), most recent first',
        querystring: pageQuery,
        response: { 200: listOf(z.object({ member: memberSummarySchema, since: isoDate, connected: z.boolean(), youFollow: z.boolean() })).extend({ total: z.number().int() }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit } = request.query;
      const [{ items, hasMore }, total] = await Promise.all([
        listFollowers(ctx, actor.memberId, { limit, before: decodeCursor(request.query.cursor) }),
        countFollowersOf(ctx, actor.memberId),
      ]);
      return { items: items.map((item) => ({ ...itemOf(item), youFollow: item.mutual })), nextCursor: nextCursorOf(items, hasMore), total };
    },
  );

  api.get(
    '/me/follow-primary',
    { schema: { tags, summary: 'Whether Follow is your primary button', response: { 200: z.object({ enabled: z.boolean() }) } } },
    async (request) => ({ enabled: await isFollowPrimary(ctx, requireActor(request).memberId) }),
  );

  api.put(
    '/me/follow-primary',
    {
      schema: {
        tags,
        summary: 'Make Follow (rather than Connect) the primary button others see on your profile',
        body: z.strictObject({ enabled: z.boolean() }),
        response: { 200: z.object({ enabled: z.boolean() }) },
      },
    },
    async (request) => ({ enabled: await setFollowPrimary(ctx, requireActor(request).memberId, request.body.enabled) }),
  );
}
