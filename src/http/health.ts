import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { sendProblem } from './problem.js';

const DATABASE_CHECK_MS = 2_000;

async function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS)));
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/livez`: the process answers (restart it if not). `/readyz`: it may take traffic — migrated,
 * the database answers, not shutting down (take it out of the load balancer if not). `/healthz`
 * stays what it always was: migrated and not shutting down, no database round trip.
 */
export function registerHealth(app: FastifyInstance, db: Db, isReady: () => boolean): void {
  app.get('/livez', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (!isReady()) return sendProblem(reply, 'service_unavailable', 'Starting up or shutting down.');
    if (!(await databaseAnswers(db))) return sendProblem(reply, 'service_unavailable', 'The database does not answer.');
    return { status: 'ok' };
  });
  // As before: migrated and not shutting down, without asking the database (cheap to poll often).
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    if (!isReady()) return sendProblem(reply, 'service_unavailable', 'Starting up or shutting down.');
    return { status: 'ok' };
  });
}
