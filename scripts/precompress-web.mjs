// Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the web build, at the
// highest levels: the work is done once here, not on every request (the server picks the copy the
// browser accepts, see src/http/web-app.ts). A copy that would not be smaller is not written.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT_EXTENSIONS = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.webmanifest']);

/** Every file under `dir`, with its path. */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
  );
}

/**
 * Compresses the text files under `dir`; answers one line per file with its raw, gzip and brotli sizes.
 * @param {string} dir
 * @returns {{ file: string; raw: number; gzip: number; brotli: number }[]}
 */
export function precompressDir(dir) {
  const report = [];
  for (const file of filesUnder(dir)) {
    if (file.endsWith('.br') || file.endsWith('.gz')) continue;
    if (!TEXT_EXTENSIONS.has(extname(file))) continue;
    const raw = readFileSync(file);
    const brotli = brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    });
    const gzip = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
    for (const [copy, suffix] of [[brotli, '.br'], [gzip, '.gz']]) {
      if (copy.length < raw.length) writeFileSync(file + suffix, copy);
      else rmSync(file + suffix, { force: true });
    }
    report.push({ file, raw: raw.length, gzip: gzip.length, brotli: brotli.length });
  }
  return report;
}
