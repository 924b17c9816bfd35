import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed, type RouteDeps } from './deps.js';

/** Only with `RAPPORT_TEST_CLOCK=1`: move the service clock and run due work on demand. */
export function testClockRoutes(app: FastifyInstance, { testClock, runDueWork, ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['test clock'];
  if (!testClock) return;

  api.post(
    '/_test/clock/advance',
    {
      schema: {
        tags,
        summary: 'Move the service clock forward',
        security: [],
        body: z.strictObject({ ms: z.number().int().min(0).max(10 * 365 * 24 * 60 * 60 * 1000) }),
        response: { 200: z.object({ now: z.string() }) },
      },
    },
    async (request) => ({ now: testClock.advance(request.body.ms).toISOString() }),
  );

  api.post(
    '/_test/run-due',
    { schema: { tags, summary: 'Run all scheduled work that is due now', security: [], response: { 200: z.object({ ran: z.record(z.string(), z.number()) }) } } },
    async () => ({ ran: runDueWork ? await runDueWork() : {} }),
  );

  api.get(
    '/_test/now',
    { schema: { tags, summary: 'The service clock', security: [], response: { 200: z.object({ now: z.string() }) } } },
    async () => ({ now: ctx.clock.now().toISOString() }),
  );
}
