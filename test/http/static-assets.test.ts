import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress-web.mjs';
import { buildServer } from '../../src/http/server.js';
import { HASHED_ASSETS_CACHE, UNHASHED_CACHE } from '../../src/http/web-app.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

/** A web build as Vite writes it, compressed by the build's own step (scripts/precompress-web.mjs). */
function fakeBuild(): { dir: string; script: string; style: string; index: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-web-'));
  mkdirSync(join(dir, 'assets'));
  const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "Row number ${i}" }`).join(', ')}];\n`;
  const style = `${Array.from({ length: 200 }, (_, i) => `.c${i} { margin: ${i}px; color: #123456; }`).join('\n')}\n`;
  const index = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script><link rel="stylesheet" href="/assets/index-Ef56Gh78.css"></head><body><div id="root"></div></body></html>\n';
  writeFileSync(join(dir, 'assets/index-Ab12Cd34.js'), script);
  writeFileSync(join(dir, 'assets/index-Ef56Gh78.css'), style);
  writeFileSync(join(dir, 'index.html'), index);
  precompressDir(dir);
  return { dir, script, style, index };
}

describe.each(backends)('the web app files on %s: compressed, and cached by what they are', (backend) => {
  let t: TestApp;
  let web: FastifyInstance;
  let build: ReturnType<typeof fakeBuild>;

  beforeAll(async () => {
    t = await createTestApp(backend);
    build = fakeBuild();
    web = await buildServer({ ctx: t.service.ctx, logger: false, webDistDir: build.dir });
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
    rmSync(build.dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    web.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  it('sends brotli to a browser that takes it, gzip to one that takes only gzip, and the file itself otherwise', async () => {
    const brotli = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(build.script);
    expect(brotli.rawPayload.length).toBeLessThan(build.script.length / 4);

    const gzip = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(build.script);

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.payload).toBe(build.script);

    const style = await get('/assets/index-Ef56Gh78.css', 'br');
    expect(style.headers['content-encoding']).toBe('br');
    expect(style.headers['content-type']).toMatch(/text\/css/);
    expect(brotliDecompressSync(style.rawPayload).toString()).toBe(build.style);

    // Whichever copy went out, a shared cache must key it on Accept-Encoding.
    for (const answer of [brotli, gzip, plain, style]) expect(String(answer.headers.vary)).toMatch(/accept-encoding/i);
  });

  it('lets the browser keep hashed files for a year without asking again, whatever the encoding', async () => {
    for (const encoding of ['br', 'gzip', undefined]) {
      for (const url of ['/assets/index-Ab12Cd34.js', '/assets/index-Ef56Gh78.css']) {
        const answer = await get(url, encoding);
        expect([url, encoding, answer.headers['cache-control']]).toEqual([url, encoding, HASHED_ASSETS_CACHE]);
      }
    }
    expect(HASHED_ASSETS_CACHE).toBe('public, max-age=31536000, immutable');
  });

  it('makes the browser check index.html on every load, at / and at any client-side route, compressed too', async () => {
    for (const url of ['/', '/index.html', '/sent', '/members/12']) {
      const answer = await get(url, 'br, gzip');
      expect([url, answer.statusCode, answer.headers['cache-control']]).toEqual([url, 200, UNHASHED_CACHE]);
      expect(answer.headers['content-type']).toMatch(/text\/html/);
      expect(answer.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(answer.rawPayload).toString()).toBe(build.index);
    }
    const plain = await get('/sent');
    expect(plain.headers['cache-control']).toBe(UNHASHED_CACHE);
    expect(plain.payload).toBe(build.index);
  });

  it('leaves the API alone: no static cache headers, no compression, problems still problems', async () => {
    for (const url of ['/api/v1/me', '/api/v1/nowhere', '/healthz']) {
      const answer = await get(url, 'br, gzip');
      expect([url, answer.headers['content-encoding']]).toEqual([url, undefined]);
      expect(answer.headers['cache-control']).not.toBe(HASHED_ASSETS_CACHE);
      expect(answer.headers['cache-control']).not.toBe(UNHASHED_CACHE);
    }
    const missing = await get('/api/v1/nowhere', 'br');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    // A hashed file of an older build is a 404 problem, not index.html under a script's name.
    const gone = await get('/assets/index-Old00000.js', 'br');
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(gone.headers['cache-control']).not.toBe(HASHED_ASSETS_CACHE);
  });
});
