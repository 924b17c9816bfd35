import type { Policy } from './policy.js';

export type ContactStoreDecision = { ok: true } | { ok: false; code: 'contacts_limit_reached'; max: number; stored: number; adding: number };

/**
 * May a member who already has `stored` contacts add `adding` more? The whole import is refused
 * past `maxContactsPerMember` rather than cut at the cap: which rows a cut would keep depends on the
 * order of the file, and an import that stores nothing when refused is one the member can retry
 * after deleting contacts or splitting the file.
 *
 * ```ts
 * decideContactStore(49_000, 2_000, policy) // { ok: false, code: 'contacts_limit_reached', max: 50_000, … }
 * ```
 */
export function decideContactStore(stored: number, adding: number, policy: Policy): ContactStoreDecision {
  if (adding === 0 || stored + adding <= policy.maxContactsPerMember) return { ok: true };
  return { ok: false, code: 'contacts_limit_reached', max: policy.maxContactsPerMember, stored, adding };
}

/**
 * How many more contacts may have their member match shown now, when `shownInWindow` were shown in
 * the last 24 hours: contact import must not answer who is a member for thousands of guessed
 * addresses, so the rest stay plain contacts until the allowance frees up.
 */
export function memberMatchesAllowed(shownInWindow: number, policy: Policy): number {
  return Math.max(0, policy.contactMembersShownPerDay - shownInWindow);
}

/** The window `contactMembersShownPerDay` counts over. */
export const MEMBER_MATCH_WINDOW_MS = 24 * 60 * 60 * 1000;
