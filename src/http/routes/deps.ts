import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import type { AdjustableClock } from '../../domain/clock.js';

export interface RouteDeps {
  ctx: AppContext;
  auth: { forget(hash: string): void };
  testClock?: AdjustableClock | undefined;
  runDueWork?: (() => Promise<Record<string, number>>) | undefined;
}

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
