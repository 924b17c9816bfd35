import type { AppContext } from '../context.js';
import { exportPercent, isDownloadable, type DataExportStatus } from '../domain/data-export.js';
import { DomainError } from '../domain/errors.js';
import {
  findExport,
  findLatestExport,
  findOpenExport,
  finishExport,
  insertQueuedExport,
  listExpiredExports,
  listExportChunkSeqs,
  readExportChunk,
} from '../db/repositories/data-exports.js';
import { spendLinkToken } from '../db/repositories/link-tokens.js';
import { inTransaction } from '../db/transaction.js';
import { createLinkToken, tokenId, verifyLinkToken } from '../mail/link-tokens.js';

type ExportRow = NonNullable<Awaited<ReturnType<typeof findExport>>>;

/** An archive as its member sees it on the settings screen. */
export interface DataExportView {
  id: number;
  status: DataExportStatus;
  rowsWritten: number;
  rowsTotal: number | null;
  percent: number;
  sizeBytes: number | null;
  requestedAt: Date;
  readyAt: Date | null;
  expiresAt: Date | null;
  finishedAt: Date | null;
  /** A signed link for this member, while the archive waits for its one download. */
  downloadPath: string | null;
}

function viewOf(ctx: AppContext, row: ExportRow): DataExportView {
  const now = ctx.clock.now();
  const facts = { status: row.status, rowsWritten: row.rows_written, rowsTotal: row.rows_total, expiresAt: row.expires_at };
  // A ready archive past its hour reads `expired` at once, before the cleanup round deletes it.
  const status: DataExportStatus = row.status === 'ready' && !isDownloadable(facts, now) ? 'expired' : row.status;
  const token =
    status === 'ready' && row.expires_at
      ? createLinkToken(ctx.secret, { purpose: 'download_export', memberId: row.member_id, subject: String(row.id), expiresAt: row.expires_at.getTime() })
      : null;
  return {
    id: row.id,
    status,
    rowsWritten: row.rows_written,
    rowsTotal: row.rows_total,
    percent: exportPercent({ ...facts, status }),
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    requestedAt: row.requested_at,
    readyAt: row.ready_at,
    expiresAt: row.expires_at,
    finishedAt: row.finished_at,
    downloadPath: token ? `/api/v1/me/export/${row.id}/download?token=${token}` : null,
  };
}

/**
 * Asks for an archive of everything the service holds about the member. One at a time: while one
 * is being made or waits for its download, asking again answers that one (`created: false`).
 */
export async function requestDataExport(ctx: AppContext, memberId: number): Promise<{ export: DataExportView; created: boolean }> {
  const now = ctx.clock.now();
  const open = await findOpenExport(ctx.db, memberId);
  if (open && !(open.status === 'ready' && open.expires_at && open.expires_at <= now)) return { export: viewOf(ctx, open), created: false };
  if (open) await inTransaction(ctx.db, (trx) => finishExport(trx, open.id, 'expired', now));
  const id = await insertQueuedExport(ctx.db, memberId, now);
  const row = id === undefined ? await findOpenExport(ctx.db, memberId) : await findExport(ctx.db, id);
  if (!row) throw new DomainError('service_unavailable', 'The archive could not be queued; try again.');
  return { export: viewOf(ctx, row), created: id !== undefined };
}

/** The member's latest archive, if they ever asked for one. */
export async function viewDataExport(ctx: AppContext, memberId: number): Promise<DataExportView | null> {
  const row = await findLatestExport(ctx.db, memberId);
  return row ? viewOf(ctx, row) : null;
}

function linkRefused(reason: 'invalid' | 'expired' | 'used', message: string): DomainError {
  return new DomainError('export_link_invalid', message, { reason });
}

/**
 * Checks a download link and spends it: signed for this member and this archive, not expired, not
 * used before, and the archive still waiting for its download. Answers the archive's chunk numbers;
 * `readDataExportChunks` then streams it and deletes it once it is read to the end.
 */
export async function openDataExportDownload(ctx: AppContext, memberId: number, exportId: number, token: string): Promise<number[]> {
  const now = ctx.clock.now();
  const check = verifyLinkToken(ctx.secret, token, 'download_export', now);
  if (!check.ok) {
    throw check.reason === 'expired'
      ? linkRefused('expired', 'This download link has expired. Ask for a new archive on the settings screen.')
      : linkRefused('invalid', 'This download link is not valid.');
  }
  if (check.claims.subject !== String(exportId)) throw linkRefused('invalid', 'This download link is not valid.');
  if (check.claims.memberId !== memberId) throw new DomainError('forbidden', 'This download link belongs to another member.');
  const row = await findExport(ctx.db, exportId);
  if (!row || row.member_id !== memberId) throw new DomainError('not_found', 'No such archive.');
  if (row.status === 'downloaded') throw linkRefused('used', 'This archive was downloaded already and then deleted. Ask for a new one on the settings screen.');
  if (!isDownloadable({ status: row.status, rowsWritten: row.rows_written, rowsTotal: row.rows_total, expiresAt: row.expires_at }, now)) {
    throw linkRefused('expired', 'This archive is no longer available. Ask for a new one on the settings screen.');
  }
  const spent = await inTransaction(ctx.db, (trx) => spendLinkToken(trx, tokenId(token), now));
  if (!spent) throw linkRefused('used', 'This download link was used already.');
  return listExportChunkSeqs(ctx.db, exportId);
}

/** The archive's bytes, a chunk at a time; once the last chunk is read, the archive is deleted. */
export async function* readDataExportChunks(ctx: AppContext, exportId: number, seqs: readonly number[]): AsyncGenerator<Uint8Array> {
  for (const seq of seqs) {
    const bytes = await readExportChunk(ctx.db, exportId, seq);
    if (!bytes) throw new Error(`archive ${exportId}: chunk ${seq} is missing`);
    yield bytes;
  }
  await inTransaction(ctx.db, (trx) => finishExport(trx, exportId, 'downloaded', ctx.clock.now()));
}

/** The cleanup round: archives whose link ran out are marked `expired` and their bytes deleted. Answers how many. */
export async function deleteExpiredExports(ctx: AppContext, limit = 100): Promise<number> {
  const now = ctx.clock.now();
  let deleted = 0;
  for (const id of await listExpiredExports(ctx.db, now, limit)) {
    if (await inTransaction(ctx.db, (trx) => finishExport(trx, id, 'expired', now))) deleted++;
  }
  return deleted;
}
