/**
 * The one normaliser for text a member writes: names and other one-line fields, notes, replies,
 * messages. It refuses what can disguise or break the text a reader sees, and cleans the rest.
 */
export type TextCheck = { ok: true; text: string } | { ok: false; reason: string };

// Bidi embedding/override/isolate controls can disguise the text a reader sees.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
// Half of a UTF-16 pair on its own: PostgreSQL would store U+FFFD in its place.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 and C1 controls (NEL, U+0085, among them), DEL, and the line and paragraph separators.
const LINE_BREAKING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// In running text: C0 and C1 controls except newline and tab (tab is folded to a space).
const STRIPPED_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Characters that draw nothing: spaces, format characters (zero-width space and joiners, word
// joiner, byte order mark, soft hyphen), the combining grapheme joiner, Hangul fillers, braille blank.
const INVISIBLE = /[\s\p{Z}\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Whether the text draws at least one character a reader can see. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

/**
 * Checks and cleans text. `line`: a one-line field (a name, a headline), where any control
 * character is refused. `multiline`: running text, where CRLF becomes a newline, tab a space and
 * other controls are dropped. Both refuse broken characters and bidi overrides, and trim. Text
 * that is empty after trimming is `''`; text made only of invisible characters is refused.
 */
export function normaliseText(raw: string, mode: 'line' | 'multiline'): TextCheck {
  if (LONE_SURROGATE.test(raw)) return { ok: false, reason: 'contains broken characters' };
  if (BIDI_CONTROLS.test(raw)) return { ok: false, reason: 'contains text-direction override characters' };
  if (mode === 'line' && LINE_BREAKING.test(raw)) return { ok: false, reason: 'must not contain control characters' };
  const text = (mode === 'line' ? raw : raw.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(STRIPPED_CONTROLS, '')).trim();
  if (text !== '' && !hasVisibleText(text)) return { ok: false, reason: 'contains no visible characters' };
  return { ok: true, text };
}
