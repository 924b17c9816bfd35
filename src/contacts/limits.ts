/**
 * Caps on one contact file. They bound what a single upload can cost (bytes read, rows kept in
 * memory, time spent) rather than express a network rule, so they live here and not in the policy.
 */
export interface ImportLimits {
  /** Raw bytes of the upload. */
  maxBytes: number;
  /** Data rows (CSV) or cards (vCard) in one file; also addresses taken from one file. */
  maxRows: number;
  /** Characters of one CSV record or one vCard property we keep (a folded PHOTO is skipped, not kept). */
  maxRecordChars: number;
  maxNameLength: number;
  maxEmailLength: number;
  /** Wall-clock time to receive and read the whole file. */
  maxMillis: number;
  /** Leading rows searched for the CSV header (LinkedIn puts notes above it). */
  headerSearchRows: number;
  /** Bytes looked at to tell the encoding and the format. */
  sniffBytes: number;
  /** Problem rows listed one by one in the report; the counts cover them all. */
  maxListedProblems: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 50_000,
  maxRecordChars: 64 * 1024,
  maxNameLength: 200,
  maxEmailLength: 254,
  maxMillis: 5_000,
  headerSearchRows: 20,
  sniffBytes: 64 * 1024,
  maxListedProblems: 1_000,
};
