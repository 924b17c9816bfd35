import pino from 'pino';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { createService } from '../service.js';
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
      await seedNetwork(ctx.db, { members: 200, quiet: true });
    }
  };
  const service = await createService(config, { logger, prepare });
  await service.app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const database = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  process.stdout.write(`\nRapport is running at ${url} on ${database} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
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
