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
import { ChunkedZipWriter } from './chunked-zip-writer.js';
import { archiveReadme, loadArchiveFiles, type ArchiveFile } from './data-export-sections.js';

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

  const writer = new ChunkedZipWriter((seq, bytes) => insertExportChunk(ctx.db, exportId, seq, bytes), madeAt);
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
