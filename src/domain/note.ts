import type { Policy } from './policy.js';
import { normaliseText } from './text.js';

export const DEFAULT_INVITATION_MESSAGE = "I'd like to add you to my professional network.";

export type NoteCheck =
  | { ok: true; note: string | null }
  | { ok: false; code: 'note_too_long'; length: number; max: number }
  | { ok: false; code: 'note_invalid'; reason: string };

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Characters a member perceives as one: "é" written as e + accent, or a family emoji, count once. */
export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/**
 * Cleans and checks a personal note: CRLF becomes a newline, other control characters are
 * stripped, bidi overrides and broken text are refused, and the length is counted as a member
 * sees it. An empty note means "no note" (the default message is shown instead).
 */
export function checkNote(raw: string | null | undefined, policy: Policy): NoteCheck {
  return checkText(raw, policy.noteMaxLength);
}

/** A reply on an invitation's thread: cleaned like a note, at most `replyMaxLength` characters. */
export function checkReply(raw: string | null | undefined, policy: Policy): NoteCheck {
  return checkText(raw, policy.replyMaxLength);
}

/** Cleans and checks any text a member writes to another, at most `maxLength` characters as a reader counts them. */
export function checkText(raw: string | null | undefined, maxLength: number): NoteCheck {
  if (raw === null || raw === undefined) return { ok: true, note: null };
  const checked = normaliseText(raw, 'multiline');
  if (!checked.ok) return { ok: false, code: 'note_invalid', reason: `the text ${checked.reason}` };
  const note = checked.text;
  if (note === '') return { ok: true, note: null };
  const length = countGraphemes(note);
  if (length > maxLength) return { ok: false, code: 'note_too_long', length, max: maxLength };
  return { ok: true, note };
}
