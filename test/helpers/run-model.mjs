#!/usr/bin/env node
// Runs the model-based test with a chosen size: `npm run test:model -- --runs 1000`
// Options: --runs N, --max-commands N, --seed N, --path P (replay a failure), --no-shrink.
// Anything else is passed to vitest. DATABASE_URL selects three processes on PostgreSQL.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
const rest = [];
const args = process.argv.slice(2);
const names = { '--runs': 'MODEL_RUNS', '--max-commands': 'MODEL_MAX_COMMANDS', '--seed': 'MODEL_SEED', '--path': 'MODEL_PATH' };
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const [flag, inline] = arg.split('=', 2);
  if (flag in names) {
    env[names[flag]] = inline ?? args[++i];
  } else if (arg === '--no-shrink') {
    env.MODEL_SHRINK = '0';
  } else {
    rest.push(arg);
  }
}
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const child = spawn(process.execPath, [vitest, 'run', 'test/integration/model.test.ts', ...rest], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
