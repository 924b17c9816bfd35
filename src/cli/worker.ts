import pino from 'pino';
import type { Config } from '../config.js';
import { systemClock } from '../domain/clock.js';
import { databaseOptionsFor } from '../db/database.js';
import { openDatabaseWhenReady } from '../db/wait-for-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { startWorker } from '../jobs/run-due.js';
import { createContext, mailTransportFor } from '../service.js';

/** `rapport worker`: the job runner alone, for deployments that scale it apart from HTTP. */
export async function runWorker(config: Config): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const database = await openDatabaseWhenReady(databaseOptionsFor(config), {
    maxSeconds: config.databaseWaitSeconds,
    onRetry: ({ attempt, error, retryInMs }) => logger.warn({ attempt, error, retryInMs }, `waiting for PostgreSQL: attempt ${attempt} failed (${error}), next try in ${(retryInMs / 1000).toFixed(1)} s`),
  });
  await migrateToLatest(database.db);
  const ctx = await createContext(config, database, systemClock);
  const transport = mailTransportFor(config, ctx);
  const deliveryMs = Number(process.env.RAPPORT_WORKER_INTERVAL_MS ?? 500);
  const worker = startWorker(ctx, transport, (error) => logger.error({ err: error }, 'scheduled work failed'), {
    deliveryMs,
    timedMs: Math.max(deliveryMs, 1000),
    mailLeaseMs: Number(process.env.RAPPORT_MAIL_LEASE_MS ?? 60_000),
  });
  logger.info({ pid: process.pid }, 'worker running');
  const stop = async () => {
    await worker.stop();
    transport.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
