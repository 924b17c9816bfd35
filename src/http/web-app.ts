import { sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite's hashed build output: a file's name changes with its content, so a copy may be kept for good. */
export const HASHED_ASSETS_CACHE = 'public, max-age=31536000, immutable';
/** index.html and any other unhashed file: kept, but checked with the server before each use. */
export const UNHASHED_CACHE = 'no-cache';

/** Whether a file of the build (its path on disk) is one of the hashed assets under `assets/`. */
export function isHashedAsset(filePath: string): boolean {
  return filePath.includes(`${sep}assets${sep}`) || filePath.includes('/assets/');
}

/**
 * Serves the built web app from `webDist`. The build (scripts/build-web.mjs) writes a `.br` and a
 * `.gz` beside each text file, so the answer is compressed once at build time at the highest level
 * instead of on every request; the browser's Accept-Encoding picks the file (`Vary: Accept-Encoding`).
 * The API's answers do not pass through here and keep their own headers.
 */
export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    index: false,
    preCompressed: true,
    // The compressed copies are picked through their file's own address, never asked for by name.
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', isHashedAsset(filePath) ? HASHED_ASSETS_CACHE : UNHASHED_CACHE);
    },
  });
}
