import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { PolicyError } from '../domain/policy.js';
import { databaseOptionsFor, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { serve } from './serve.js';
import { runWorker } from './worker.js';
import { registerAdminCommands } from './admin.js';
import { seedNetwork } from './seed.js';
import { runOrExplain } from './startup-errors.js';
import { registerDatabaseCommands } from './database-commands.js';

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return number;
}

function configOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PolicyError) {
      process.stderr.write(`rapport: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

const program = new Command()
  .name('rapport')
  .description('Rapport — a self-hostable professional network core.')
  .showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('serve the API and the web app (embedded database unless DATABASE_URL is set)')
  .option('--demo', 'fill an empty database with a demo network first (same as RAPPORT_DEMO=1)')
  .action(async (options: { demo?: boolean }) => {
    const config = configOrExit();
    await runOrExplain(() => config, () => serve({ ...config, demo: config.demo || options.demo === true }));
  });

program
  .command('worker')
  .description('run scheduled work and delivery (mail, notifications, webhooks) without serving HTTP')
  .action(async () => {
    const config = configOrExit();
    await runOrExplain(() => config, () => runWorker(config));
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    const config = configOrExit();
    const database = await openDatabase(databaseOptionsFor(config));
    try {
      const applied = await migrateToLatest(database.db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
    } finally {
      await database.close();
    }
  });

program
  .command('seed')
  .description('fill the database with a demo network of generated profiles')
  .option('--members <n>', 'how many members to generate', positiveInteger, 200)
  .option('--graph <file>', 'use a real edge list (SNAP format, .gz allowed) as the connection graph')
  .option('--edges-per-member <m>', 'connections each generated member makes', positiveInteger, 5)
  .option('--seed <n>', 'random seed', positiveInteger, 42)
  .action(async (options: { members: number; graph?: string; edgesPerMember: number; seed: number }) => {
    const config = configOrExit();
    const database = await openDatabase(databaseOptionsFor(config));
    try {
      await migrateToLatest(database.db);
      const started = Date.now();
      const result = await seedNetwork(database.db, {
        members: options.members,
        graphFile: options.graph,
        edgesPerMember: options.edgesPerMember,
        seed: options.seed,
      });
      process.stdout.write(`seeded ${result.members} members and ${result.connections} connections in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } finally {
      await database.close();
    }
  });

registerAdminCommands(program, configOrExit);
registerDatabaseCommands(program, configOrExit);

await program.parseAsync(process.argv);
