import pino from 'pino';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { databaseOptionsFor } from '../db/database.js';
import { openDatabaseWhenReady } from '../db/wait-for-database.js';
import { createService } from '../service.js';
import { addDays } from '../domain/clock.js';
import { historyDays, seedDemoLife } from './demo-life.js';
import { DEMO_EMAIL, DEMO_PASSWORD, seedNetwork } from './seed.js';

/** `rapport serve`: starts the service, offers the demo network on an empty database, stops cleanly on SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const started = Date.now();
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  let count = 0;
  // Seeding comes before the graph index is built: the bulk seeder writes no outbox events.
  const prepare = async (ctx: AppContext) => {
    const row = await ctx.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    count = Number(row.count);
    if (count === 0 && config.demo) {
      logger.info('seeding a demo network of 200 members');
      const seeding = Date.now();
      // The network has a past: members joined months ago, and the demo member's invitations,
      // introductions and messages happened since, through the use cases (`seedDemoLife`).
      const now = ctx.clock.now();
      await seedNetwork(ctx.db, { members: 200, quiet: true, now: addDays(now, -historyDays(ctx)) });
      await seedDemoLife(ctx, { now });
      logger.info({ millis: Date.now() - seeding }, 'demo network seeded');
    }
  };
  const database = await openDatabaseWhenReady(databaseOptionsFor(config), {
    maxSeconds: config.databaseWaitSeconds,
    onRetry: ({ attempt, error, retryInMs }) => logger.warn({ attempt, error, retryInMs }, `waiting for PostgreSQL: attempt ${attempt} failed (${error}), next try in ${(retryInMs / 1000).toFixed(1)} s`),
  });
  const service = await createService(config, { logger, prepare, database });
  await service.app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const where = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  process.stdout.write(`\nRapport is running at ${url} on ${where} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  process.stdout.write(`API docs: ${url}/docs\n`);
  if (count === 0 && config.demo) process.stdout.write(`Demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}\n`);
  else if (count === 0) process.stdout.write('The network is empty: sign up in the web app, or restart with RAPPORT_DEMO=1 for a demo network.\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const timeout = setTimeout(() => process.exit(1), 15_000);
    timeout.unref();
    await service.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
