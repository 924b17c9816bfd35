import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countMyNetwork } from '../../use-cases/count-network.js';
import { requireActor } from '../auth.js';
import { typed, type RouteDeps } from './deps.js';

const networkCountsSchema = z.object({
  pendingReceived: z.number().int().describe('pending invitations you received (the total of GET /invitations/received)'),
  pendingSent: z.number().int().describe('your sent invitations that read pending to you (the total of GET /invitations/sent?status=pending)'),
  connections: z.number().int().describe('your connections (the total of GET /connections)'),
});

export function networkCountRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  api.get(
    '/me/network-counts',
    { schema: { tags: ['connections'], summary: 'How many invitations wait for you, how many you sent are pending, and your connections', response: { 200: networkCountsSchema } } },
    async (request) => countMyNetwork(ctx, requireActor(request).memberId),
  );
}
