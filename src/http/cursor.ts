import type { KeysetCursor } from '../db/keyset.js';
import { DomainError } from '../domain/errors.js';

/** A keyset position as clients see it: opaque, and checked strictly when read back (`decodeCursor`). */
export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | undefined): KeysetCursor | null {
  if (raw === undefined || raw === '') return null;
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : '';
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([1-9]\d{0,14})$/.exec(text);
  const at = match ? new Date(match[1]!) : null;
  // Only a time that reads back as written, from year 1 on: PostgreSQL has no year 0 (the embedded
  // database refused one with a 500), and 2026-02-31 must not quietly become March.
  if (!match || !at || Number.isNaN(at.getTime()) || at.toISOString() !== match[1] || at.getUTCFullYear() < 1) throw new DomainError('invalid_cursor', 'The cursor is not one this API gave out.');
  return { at, id: Number(match[2]) };
}

export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`o|${offset}`, 'utf8').toString('base64url');
}

export function decodeOffsetCursor(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : '';
  const match = /^o\|(\d{1,7})$/.exec(text);
  if (!match) throw new DomainError('invalid_cursor', 'The cursor is not one this API gave out.');
  return Number(match[1]);
}

/** Takes one page from `limit + 1` fetched rows and the cursor of the next page. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
