/**
 * Throttling of sign-in and sign-up: whether an attempt may go on to the password check (or the
 * account creation), must first solve a captcha, or must wait.
 *
 * The counters are kept per account (the normalized email) and per client address, in a window
 * that starts at the first attempt counted and ends `windowMinutes` later. An attempt is counted
 * before it is decided, so the counts include it and parallel attempts cannot slip past together.
 */

/** The limits of one throttled door (`signInThrottle` or `signUpThrottle` in the policy). */
export interface ThrottleLimits {
  windowMinutes: number;
  /** Attempts on one account per window before each further one needs a solved captcha. */
  perAccount: number;
  /** Attempts from one client address per window before each further one needs a solved captcha. */
  perAddress: number;
  /** Attempts from one client address per window past which even a solved captcha waits. */
  perAddressMax: number;
}

/** What the counters say about one attempt (this attempt included), and what it carries. */
export interface ThrottleFacts {
  accountAttempts: number;
  addressAttempts: number;
  /** Milliseconds until each counter's window ends. */
  accountResetsInMs: number;
  addressResetsInMs: number;
  captcha: 'absent' | 'valid' | 'invalid';
}

export type ThrottleDecision =
  /** Go on; `spendCaptcha` when the attempt needed its captcha (it is then used up). */
  | { ok: true; spendCaptcha: boolean }
  /** Wait `retryAfterSeconds`; `captcha` says whether a solved challenge lets the next attempt through at once. */
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number; captcha: boolean }
  | { ok: false; code: 'captcha_invalid' };

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * Decides one attempt. A pile of failures on an account never locks its owner out: past
 * `perAccount` the attempt needs a solved captcha, and with one it goes on to the password check.
 * Only the client address has a hard ceiling (`perAddressMax`), which a member elsewhere never meets.
 */
export function decideThrottle(facts: ThrottleFacts, limits: ThrottleLimits): ThrottleDecision {
  if (facts.addressAttempts > limits.perAddressMax) {
    return { ok: false, code: 'rate_limited', retryAfterSeconds: seconds(facts.addressResetsInMs), captcha: false };
  }
  const accountOver = facts.accountAttempts > limits.perAccount;
  const addressOver = facts.addressAttempts > limits.perAddress;
  if (!accountOver && !addressOver) return { ok: true, spendCaptcha: false };
  if (facts.captcha === 'valid') return { ok: true, spendCaptcha: true };
  if (facts.captcha === 'invalid') return { ok: false, code: 'captcha_invalid' };
  const waitMs = Math.max(accountOver ? facts.accountResetsInMs : 0, addressOver ? facts.addressResetsInMs : 0);
  return { ok: false, code: 'rate_limited', retryAfterSeconds: seconds(waitMs), captcha: true };
}
