import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { AdjustableClock, systemClock, type Clock } from './domain/clock.js';
import { databaseOptionsFor, openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { loadServiceSecret } from './db/service-secret.js';
import { startGraphSync } from './graph/registry.js';
import { buildServer } from './http/server.js';
import { runDueWork, startWorker } from './jobs/run-due.js';
import { createMailTransport, type MailTransport } from './mail/transport.js';

export interface Service {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  testClock: AdjustableClock | undefined;
  mailTransport: MailTransport;
  /** Stops taking requests, lets in-flight ones finish, stops scheduled work, closes the database. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger | false;
  /** Run scheduled work in this process (on by default, off under the test clock: `_test/run-due` drives it). */
  scheduler?: boolean;
  mailTransport?: MailTransport;
  /** For tests: an already open database. */
  database?: Database;
  /** Runs once the database is migrated, before the graph index is built (e.g. seeding a demo network). */
  prepare?: (ctx: AppContext) => Promise<void>;
}

/** The context every use case and job runs with; the database must be migrated. */
export async function createContext(config: Config, database: Database, clock: Clock): Promise<AppContext> {
  return {
    db: database.db,
    dialect: database.dialect,
    policy: config.policy,
    clock,
    secret: await loadServiceSecret(database.db),
    adminEmails: config.adminEmails,
    webhookPrivateTargets: config.webhookPrivateTargets,
    publicUrl: (config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`).replace(/\/+$/, ''),
  };
}

export function mailTransportFor(config: Config, ctx: AppContext): MailTransport {
  return createMailTransport(config.smtpUrl, `Rapport <no-reply@${new URL(ctx.publicUrl).hostname}>`);
}

/** Opens the database, migrates it and builds the HTTP server: everything `serve` needs, not yet listening. */
export async function createService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = options.logger === undefined ? pino({ level: process.env.LOG_LEVEL ?? 'info' }) : options.logger;
  const database = options.database ?? (await openDatabase(databaseOptionsFor(config)));
  let ready = false;
  let closing = false;
  await migrateToLatest(database.db);
  const testClock = config.testClock ? new AdjustableClock() : undefined;
  const ctx = await createContext(config, database, testClock ?? systemClock);
  await options.prepare?.(ctx);
  const mailTransport = options.mailTransport ?? mailTransportFor(config, ctx);
  const app = await buildServer({
    ctx,
    logger,
    testClock,
    poolStats: database.poolStats,
    isReady: () => ready && !closing,
    runDueWork: () => runDueWork(ctx, mailTransport),
    mailTransport,
    devMailbox: config.devMailbox,
    trustProxy: config.trustProxy,
    metricsAccess: { production: config.production, token: config.metricsToken },
  });
  const runWorker = options.scheduler ?? !config.testClock;
  const worker = runWorker ? startWorker(ctx, mailTransport, (error) => logger && logger.error({ err: error }, 'scheduled work failed')) : null;
  const graph = config.graphIndex ? await startGraphSync(ctx, { onError: (error) => logger && logger.error({ err: error }, 'graph index sync failed') }) : null;
  if (graph && logger) logger.info({ buildMillis: Math.round(graph.buildMillis) }, 'graph index built');
  ready = true;
  return {
    app,
    ctx,
    database,
    testClock,
    mailTransport,
    async close() {
      if (closing) return;
      closing = true;
      await app.close();
      await graph?.stop();
      await worker?.stop();
      mailTransport.close();
      await database.close();
    },
  };
}
