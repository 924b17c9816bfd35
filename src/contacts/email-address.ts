import { normalizeEmail } from '../domain/member.js';

export type EmailProblem = 'invalid_email' | 'field_too_long';

const ATOM = /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f\ufffd]+$/;

/**
 * Reads one address from a contact file: `Name <a@b.c>` and `mailto:` forms are unwrapped; the
 * result must look like a deliverable address (one `@`, a dotted domain, no spaces or controls).
 */
export function parseContactEmail(raw: string, maxLength: number): { ok: true; email: string; normalized: string } | { ok: false; reason: EmailProblem } {
  let value = raw.trim();
  const angled = /<([^<>]*)>\s*$/.exec(value);
  if (angled) value = angled[1]!.trim();
  if (/^mailto:/i.test(value)) value = value.slice(7);
  if (value.length > maxLength) return { ok: false, reason: 'field_too_long' };
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return { ok: false, reason: 'invalid_email' };
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !ATOM.test(local) || !ATOM.test(domain)) return { ok: false, reason: 'invalid_email' };
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((label) => label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-'))) {
    return { ok: false, reason: 'invalid_email' };
  }
  return { ok: true, email: value, normalized: normalizeEmail(value) };
}

/** The addresses in one cell: Google puts several in one, separated by ` ::: `. */
export function splitEmailCell(cell: string): string[] {
  if (!cell.includes(':::')) {
    const trimmed = cell.trim();
    return trimmed === '' ? [] : [trimmed];
  }
  return cell
    .split(/\s*:::\s*/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const NEEDS_CLEANING = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]|\s\s/;

/** A display name from a file: controls and bidi overrides become spaces, runs of space collapse. */
export function cleanName(raw: string): string {
  if (!NEEDS_CLEANING.test(raw)) return raw.trim();
  return raw
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
