import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import type { AdjustableClock } from '../../domain/clock.js';

export interface RouteDeps {
  ctx: AppContext;
  auth: { forget(hash: string): void };
  testClock?: AdjustableClock | undefined;
  runDueWork?: (() => Promise<Record<string, number>>) | undefined;
  /** The dev mailbox is served at `/dev/mail` (`RAPPORT_DEV_MAILBOX=1`): the app may link to it. */
  devMailbox?: boolean | undefined;
}

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
