import type { Policy } from './policy.js';

/** The life of a "Download your data" archive. */
export type DataExportStatus = 'queued' | 'building' | 'ready' | 'downloaded' | 'expired' | 'failed';

/** Statuses of an archive that is still on its way or waiting for its download: a member has at most one. */
export const OPEN_EXPORT_STATUSES = ['queued', 'building', 'ready'] as const satisfies readonly DataExportStatus[];

const HOUR_MS = 60 * 60 * 1000;

/** When a ready archive's link stops working and the archive is deleted: `exportLinkHours` after it is ready. */
export function exportExpiresAt(readyAt: Date, policy: Policy): Date {
  return new Date(readyAt.getTime() + policy.exportLinkHours * HOUR_MS);
}

/**
 * How long a worker may hold an archive it is building before another may take it over (the first
 * one stopped): building is short, so ten minutes is ample.
 */
export const EXPORT_BUILD_LEASE_MS = 10 * 60 * 1000;

/** Tries before a failing archive is given up (`failed`); the member may then ask again. */
export const EXPORT_MAX_ATTEMPTS = 3;

export interface ExportProgressFacts {
  status: DataExportStatus;
  rowsWritten: number;
  rowsTotal: number | null;
  expiresAt: Date | null;
}

/** Whether the link of a ready archive still works now. */
export function isDownloadable(facts: ExportProgressFacts, now: Date): boolean {
  return facts.status === 'ready' && facts.expiresAt !== null && facts.expiresAt > now;
}

/** Progress as a whole percent for the screen: 0 until the rows are counted, 100 once ready. */
export function exportPercent(facts: ExportProgressFacts): number {
  if (facts.status === 'ready' || facts.status === 'downloaded') return 100;
  if (!facts.rowsTotal) return 0;
  return Math.min(99, Math.floor((facts.rowsWritten / facts.rowsTotal) * 100));
}
