#!/usr/bin/env node
// Builds the web app (web/) with Vite into web/dist, which the server serves at `/`.
// Runs as the `prepare` script of `npm ci`/`npm install`, so it must be cheap when nothing changed
// and harmless in a production install without dev dependencies:
//   - skipped when web/dist is newer than every source file under web/ (unless --force);
//   - when Vite is not installed, prints a notice and exits 0 (the API still runs without the app).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompressDir } from './precompress-web.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(repoRoot, 'web');
const distDir = join(webDir, 'dist');
const marker = join(distDir, 'index.html');
const force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');

const SKIP_DIRS = new Set(['dist', 'node_modules', '.vite']);

/** Newest modification time of any file under `dir`, ignoring build output. */
function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (SKIP_DIRS.has(entry.name)) continue;
      newest = Math.max(newest, newestSourceMtime(join(dir, entry.name)));
    } else if (entry.isFile()) {
      newest = Math.max(newest, statSync(join(dir, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function log(message) {
  if (!quiet) console.log(`[build-web] ${message}`);
}

if (!existsSync(webDir)) {
  log('no web/ directory; nothing to build.');
  process.exit(0);
}

if (!force && existsSync(marker) && statSync(marker).mtimeMs >= newestSourceMtime(webDir)) {
  log('web/dist is up to date; skipping (use --force to rebuild).');
  process.exit(0);
}

let vite;
try {
  vite = await import('vite');
} catch {
  console.log('[build-web] Vite is not installed (production install without dev dependencies?): the web app was not built.');
  console.log('[build-web] The API works without it; install dev dependencies and run `npm run build:web` to build the app.');
  process.exit(0);
}

const started = performance.now();
// Always React's production build: the e2e suites run this under NODE_ENV=test, which would
// otherwise ship React's development build (twice the size, with its checks).
process.env.NODE_ENV = 'production';
try {
  await vite.build({
    configFile: join(webDir, 'vite.config.ts'),
    root: webDir,
    mode: 'production',
    logLevel: quiet ? 'error' : 'warn',
  });
} catch (error) {
  console.error('[build-web] the web build failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
const compressed = precompressDir(distDir);
log(`built ${relative(repoRoot, distDir)} in ${Math.round(performance.now() - started)} ms.`);
for (const { file, raw, gzip, brotli } of compressed) log(`  ${relative(distDir, file)}: ${raw} B, gzip ${gzip} B, brotli ${brotli} B`);
