import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { AdjustableClock, systemClock } from './domain/clock.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { loadServiceSecret } from './db/service-secret.js';
import { buildServer } from './http/server.js';
import { runDueWork, startScheduler } from './jobs/run-due.js';

export interface Service {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  testClock: AdjustableClock | undefined;
  /** Stops taking requests, lets in-flight ones finish, stops scheduled work, closes the database. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger | false;
  /** Run scheduled work in this process (on by default). */
  scheduler?: boolean;
  /** For tests: an already open database. */
  database?: Database;
}

/** Opens the database, migrates it and builds the HTTP server: everything `serve` needs, not yet listening. */
export async function createService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = options.logger === undefined ? pino({ level: process.env.LOG_LEVEL ?? 'info' }) : options.logger;
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  let ready = false;
  let closing = false;
  await migrateToLatest(database.db);
  const testClock = config.testClock ? new AdjustableClock() : undefined;
  const ctx: AppContext = {
    db: database.db,
    dialect: database.dialect,
    policy: config.policy,
    clock: testClock ?? systemClock,
    secret: await loadServiceSecret(database.db),
    adminEmails: config.adminEmails,
  };
  const app = await buildServer({
    ctx,
    logger,
    testClock,
    poolStats: database.poolStats,
    isReady: () => ready && !closing,
    runDueWork: () => runDueWork(ctx),
  });
  const scheduler =
    options.scheduler === false || config.testClock ? null : startScheduler(ctx, 30_000, (error) => logger && logger.error({ err: error }, 'scheduled work failed'));
  ready = true;
  return {
    app,
    ctx,
    database,
    testClock,
    async close() {
      if (closing) return;
      closing = true;
      await app.close();
      await scheduler?.stop();
      await database.close();
    },
  };
}
