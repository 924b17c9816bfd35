// fflate (pinned, no dependencies, maintained): it writes a ZIP as a stream of chunks we can store
// a piece at a time, reads one back (the tests unzip with it), and needs no native build or
// temporary file, unlike archiver (which pulls in a dozen packages) or yazl (writer only).
import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';
import type { AppContext } from '../context.js';
import { EXPORT_BUILD_LEASE_MS, EXPORT_MAX_ATTEMPTS, exportExpiresAt } from '../domain/data-export.js';
import {
  claimDueExport,
  clearExportChunks,
  insertExportChunk,
  markExportFailed,
  markExportReady,
  setExportProgress,
  setExportTotal,
} from '../db/repositories/data-exports.js';
import { findMemberById } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { inTransaction } from '../db/transaction.js';
import { archiveReadme, loadArchiveFiles, type ArchiveFile } from './data-export-sections.js';

/** The archive is stored in chunks of this size (a row each), so neither writing nor reading holds it whole. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;

/**
 * Writes a ZIP into `data_export_chunks` as it is made: fflate hands out compressed bytes as files are
 * added, and whole chunks are stored as soon as they fill.
 */
class ChunkedZipWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private seq = 0;
  size = 0;
  private failure: Error | null = null;
  private readonly zip: Zip;

  constructor(
    private readonly ctx: AppContext,
    private readonly exportId: number,
    private readonly mtime: Date,
  ) {
    this.zip = new Zip((error, data) => {
      if (error) this.failure = error;
      else {
        this.pending.push(data);
        this.pendingBytes += data.length;
        this.size += data.length;
      }
    });
  }

  async add(name: string, content: string | Uint8Array): Promise<void> {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    // An image is compressed already: stored as it is.
    const entry: ZipInputFile & { push(chunk: Uint8Array, final?: boolean): void } = name.endsWith('.webp') ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    entry.mtime = this.mtime;
    this.zip.add(entry);
    entry.push(bytes, true);
    await this.flush(false);
  }

  async end(): Promise<void> {
    this.zip.end();
    await this.flush(true);
  }

  private async flush(all: boolean): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.pendingBytes >= EXPORT_CHUNK_BYTES || (all && this.pendingBytes > 0)) {
      const joined = Buffer.concat(this.pending);
      const piece = joined.subarray(0, Math.min(EXPORT_CHUNK_BYTES, joined.length));
      const rest = joined.subarray(piece.length);
      await insertExportChunk(this.ctx.db, this.exportId, this.seq++, piece);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
    }
  }
}

/**
 * Builds the archives due (asked for, or left half-built by a worker that stopped), one at a time,
 * off the request path: the worker's timed round and `POST /_test/run-due` call this. Each ready
 * archive writes `export.ready` to the outbox, which tells the member (notification and mail).
 * Answers how many archives became ready.
 */
export async function buildDueExports(ctx: AppContext, limit = 5): Promise<number> {
  let built = 0;
  for (let i = 0; i < limit; i++) {
    const now = ctx.clock.now();
    const claimed = await inTransaction(ctx.db, (trx) => claimDueExport(trx, now, new Date(now.getTime() + EXPORT_BUILD_LEASE_MS)));
    if (!claimed) return built;
    try {
      await buildExport(ctx, claimed.id, claimed.member_id);
      built++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await markExportFailed(ctx.db, claimed.id, claimed.attempts >= EXPORT_MAX_ATTEMPTS, message.slice(0, 500), ctx.clock.now());
    }
  }
  return built;
}

async function buildExport(ctx: AppContext, exportId: number, memberId: number): Promise<void> {
  await clearExportChunks(ctx.db, exportId);
  const member = await findMemberById(ctx.db, memberId);
  if (!member) throw new Error('the member no longer exists');
  const madeAt = ctx.clock.now();
  const files: ArchiveFile[] = await loadArchiveFiles(ctx, memberId);
  const total = files.reduce((sum, f) => sum + f.rows, 0);
  await setExportTotal(ctx.db, exportId, total);

  const writer = new ChunkedZipWriter(ctx, exportId, madeAt);
  await writer.add('README.txt', archiveReadme(files, member.name, madeAt));
  let written = 0;
  for (const f of files) {
    await writer.add(f.name, f.content);
    written += f.rows;
    await setExportProgress(ctx.db, exportId, written);
  }
  await writer.end();

  const readyAt = ctx.clock.now();
  const expiresAt = exportExpiresAt(readyAt, ctx.policy);
  await inTransaction(ctx.db, async (trx) => {
    await markExportReady(trx, exportId, writer.size, readyAt, expiresAt);
    await appendEvent(trx, 'export.ready', { memberId, exportId, expiresAt: expiresAt.toISOString() }, readyAt);
  });
}
