import { sql } from 'kysely';
import { OPEN_EXPORT_STATUSES } from '../../domain/data-export.js';
import type { Executor, Trx } from '../database.js';

/*
 * "Download your data" archives: their row (status, progress, expiry) and their bytes, kept in
 * numbered chunks so an archive is written and read a piece at a time.
 */

export const exportColumns = ['id', 'member_id', 'status', 'rows_written', 'rows_total', 'size_bytes', 'requested_at', 'ready_at', 'expires_at', 'finished_at', 'attempts'] as const;

/** The member's archive still on its way or waiting for its download, if any. */
export async function findOpenExport(db: Executor, memberId: number) {
  return db.selectFrom('data_exports').select(exportColumns).where('member_id', '=', memberId).where('status', 'in', OPEN_EXPORT_STATUSES).executeTakeFirst();
}

/** The member's latest archive, whatever became of it. */
export async function findLatestExport(db: Executor, memberId: number) {
  return db.selectFrom('data_exports').select(exportColumns).where('member_id', '=', memberId).orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function findExport(db: Executor, id: number) {
  return db.selectFrom('data_exports').select(exportColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * Queues an archive unless the member has one open: answers the new id, or undefined when another
 * request got there first (the partial unique index `data_exports_one_open` decides the race).
 */
export async function insertQueuedExport(db: Executor, memberId: number, now: Date): Promise<number | undefined> {
  const row = await db
    .insertInto('data_exports')
    .values({ member_id: memberId, requested_at: now, rows_total: null, started_at: null, locked_until: null, ready_at: null, expires_at: null, finished_at: null, last_error: null })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Takes the oldest archive due for building: queued, or building under a lease that ran out (its
 * worker stopped). `for update skip locked`, so two workers never take the same one.
 */
export async function claimDueExport(trx: Trx, now: Date, leaseUntil: Date) {
  const { rows } = await sql<{ id: number; member_id: number; attempts: number }>`
    update data_exports set status = 'building', started_at = ${now}, locked_until = ${leaseUntil}, attempts = attempts + 1,
           rows_written = 0, rows_total = null
     where id = (select id from data_exports
                  where status = 'queued' or (status = 'building' and locked_until < ${now})
                  order by requested_at, id limit 1 for update skip locked)
    returning id, member_id, attempts`.execute(trx);
  return rows[0];
}

/** Starts the archive's bytes afresh (a retried build writes them all again). */
export async function clearExportChunks(db: Executor, exportId: number): Promise<void> {
  await db.deleteFrom('data_export_chunks').where('export_id', '=', exportId).execute();
}

export async function setExportTotal(db: Executor, exportId: number, rowsTotal: number): Promise<void> {
  await db.updateTable('data_exports').set({ rows_total: rowsTotal }).where('id', '=', exportId).execute();
}

export async function setExportProgress(db: Executor, exportId: number, rowsWritten: number): Promise<void> {
  await db.updateTable('data_exports').set({ rows_written: rowsWritten }).where('id', '=', exportId).execute();
}

export async function insertExportChunk(db: Executor, exportId: number, seq: number, bytes: Uint8Array): Promise<void> {
  await db.insertInto('data_export_chunks').values({ export_id: exportId, seq, bytes }).execute();
}

/** The archive is whole: ready for its one download until `expiresAt`. */
export async function markExportReady(trx: Trx, exportId: number, sizeBytes: number, now: Date, expiresAt: Date): Promise<void> {
  await trx
    .updateTable('data_exports')
    .set({ status: 'ready', size_bytes: sizeBytes, ready_at: now, expires_at: expiresAt, locked_until: null, rows_written: sql<number>`coalesce(rows_total, rows_written)` })
    .where('id', '=', exportId)
    .execute();
}

/** A build that failed: queued again for another try, or given up after the last one. */
export async function markExportFailed(db: Executor, exportId: number, giveUp: boolean, error: string, now: Date): Promise<void> {
  await db
    .updateTable('data_exports')
    .set(giveUp ? { status: 'failed', finished_at: now, locked_until: null, last_error: error } : { status: 'queued', locked_until: null, last_error: error })
    .where('id', '=', exportId)
    .execute();
  if (giveUp) await clearExportChunks(db, exportId);
}

/** Chunk numbers of an archive, in order, for reading it a chunk at a time. */
export async function listExportChunkSeqs(db: Executor, exportId: number): Promise<number[]> {
  const rows = await db.selectFrom('data_export_chunks').select('seq').where('export_id', '=', exportId).orderBy('seq').execute();
  return rows.map((row) => row.seq);
}

export async function readExportChunk(db: Executor, exportId: number, seq: number): Promise<Uint8Array | undefined> {
  return (await db.selectFrom('data_export_chunks').select('bytes').where('export_id', '=', exportId).where('seq', '=', seq).executeTakeFirst())?.bytes;
}

/**
 * Ends a ready archive's life: `downloaded` or `expired`, its bytes deleted in the same
 * transaction. Answers false when it was no longer ready (someone else ended it first).
 */
export async function finishExport(trx: Trx, exportId: number, status: 'downloaded' | 'expired', now: Date): Promise<boolean> {
  const updated = await trx
    .updateTable('data_exports')
    .set({ status, finished_at: now })
    .where('id', '=', exportId)
    .where('status', '=', 'ready')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await clearExportChunks(trx, exportId);
  return true;
}

/** Ready archives whose link ran out, oldest first. */
export async function listExpiredExports(db: Executor, now: Date, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('data_exports').select('id').where('status', '=', 'ready').where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
  return rows.map((row) => row.id);
}
