import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listSentMail } from '../../use-cases/read-mailbox.js';
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
    '/_test/mail',
    {
      schema: {
        tags,
        summary: 'Mail the service has sent to an address, newest last',
        security: [],
        querystring: z.strictObject({ to: z.string().max(254) }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), html: z.string(), template: z.string(), category: z.string(), messageId: z.string(), headers: z.record(z.string(), z.string()), sentAt: z.string().nullable() })),
          }),
        },
      },
    },
    async (request) => {
      const rows = await listSentMail(ctx, request.query.to);
      return {
        items: rows.map((row) => ({
          id: String(row.id),
          to: row.to_email,
          subject: row.subject,
          text: row.text_body,
          html: row.html,
          template: row.template,
          category: row.category,
          messageId: row.message_id,
          headers: typeof row.headers === 'string' ? JSON.parse(row.headers) : row.headers,
          sentAt: row.sent_at?.toISOString() ?? null,
        })),
      };
    },
  );

  api.get(
    '/_test/now',
    { schema: { tags, summary: 'The service clock', security: [], response: { 200: z.object({ now: z.string() }) } } },
    async () => ({ now: ctx.clock.now().toISOString() }),
  );
}
