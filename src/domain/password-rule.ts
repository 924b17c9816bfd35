import { normalizeEmail } from './member.js';

/** What the strength estimator (zxcvbn-ts, in `use-cases/password-strength.ts`) says of a password. */
export interface PasswordEstimate {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: number;
  /** The estimator's reason, as its key (`topTen`, `common`, `simpleRepeat`, …), or null. */
  warning: string | null;
}

export type PasswordRefusal = 'contains_email' | 'common' | 'repeats' | 'pattern' | 'too_guessable';

export type PasswordDecision = { ok: true } | { ok: false; reason: PasswordRefusal };

function bare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const COMMON_WARNINGS = new Set(['topTen', 'topHundred', 'common', 'similarToCommon', 'pwned', 'wordByItself', 'namesByThemselves', 'commonNames']);
const REPEAT_WARNINGS = new Set(['simpleRepeat', 'extendedRepeat']);
const PATTERN_WARNINGS = new Set(['straightRow', 'keyPattern', 'sequences', 'recentYears', 'dates']);

/**
 * Whether a new password is good enough: not the address (or its local part) itself or around it,
 * and guessable no sooner than `minScore` by the estimator. The refusal names the reason the
 * member is told (`passwordRefusalText`).
 */
export function decidePassword(password: string, email: string, estimate: PasswordEstimate, minScore: number): PasswordDecision {
  const address = normalizeEmail(email);
  const local = bare(address.split('@')[0] ?? '');
  const plain = bare(password);
  // The address itself, or its local part with a few characters around it.
  if (password.toLowerCase().includes(address) || (local.length >= 3 && plain.includes(local) && plain.length <= local.length + 4)) {
    return { ok: false, reason: 'contains_email' };
  }
  if (estimate.score >= minScore) return { ok: true };
  const warning = estimate.warning ?? '';
  if (COMMON_WARNINGS.has(warning)) return { ok: false, reason: 'common' };
  if (REPEAT_WARNINGS.has(warning)) return { ok: false, reason: 'repeats' };
  if (PATTERN_WARNINGS.has(warning)) return { ok: false, reason: 'pattern' };
  if (warning === 'userInputs') return { ok: false, reason: 'contains_email' };
  return { ok: false, reason: 'too_guessable' };
}

const refusalTexts: Record<PasswordRefusal, string> = {
  contains_email: 'This password is built from your email address, which anyone can guess. Choose something else.',
  common: 'This password is one of the most common passwords (it appears in lists of leaked passwords), so it is tried first. Choose a less common one.',
  repeats: 'This password repeats the same characters, which is easy to guess. Choose a less regular one.',
  pattern: 'This password is a simple sequence or keyboard pattern, which is easy to guess. Choose a less regular one.',
  too_guessable: 'This password is too easy to guess. A few unrelated words together make a strong password that is easy to remember.',
};

/** What the member is told about a refused password. */
export function passwordRefusalText(reason: PasswordRefusal): string {
  return refusalTexts[reason];
}
