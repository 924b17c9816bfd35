import { describe, expect, it } from 'vitest';
import { decideThrottle, type ThrottleFacts } from '../../src/domain/auth-throttle.js';
import { decidePassword } from '../../src/domain/password-rule.js';
import { defaultPolicy } from '../../src/domain/policy.js';

const limits = defaultPolicy.signInThrottle;
const facts = (over: Partial<ThrottleFacts>): ThrottleFacts => ({ accountAttempts: 1, addressAttempts: 1, accountResetsInMs: 600_000, addressResetsInMs: 300_000, captcha: 'absent', ...over });

describe('decideThrottle', () => {
  it.each<[string, Partial<ThrottleFacts>, ReturnType<typeof decideThrottle>]>([
    ['an attempt within both limits goes on', { accountAttempts: limits.perAccount, addressAttempts: limits.perAddress }, { ok: true, spendCaptcha: false }],
    ['a captcha sent within the limits is not spent', { captcha: 'valid' }, { ok: true, spendCaptcha: false }],
    ['past the account limit, an attempt without a captcha waits for the account window and is offered a challenge', { accountAttempts: limits.perAccount + 1 }, { ok: false, code: 'rate_limited', retryAfterSeconds: 600, captcha: true }],
    ['past the address limit, it waits for the address window', { addressAttempts: limits.perAddress + 1 }, { ok: false, code: 'rate_limited', retryAfterSeconds: 300, captcha: true }],
    ['past both, it waits for the later window', { accountAttempts: limits.perAccount + 1, addressAttempts: limits.perAddress + 1, addressResetsInMs: 900_000 }, { ok: false, code: 'rate_limited', retryAfterSeconds: 900, captcha: true }],
    ['past the account limit, a solved captcha lets the owner through and is spent (no lock-out)', { accountAttempts: 70, captcha: 'valid' }, { ok: true, spendCaptcha: true }],
    ['past the address limit, a solved captcha lets the attempt through', { addressAttempts: limits.perAddress + 1, captcha: 'valid' }, { ok: true, spendCaptcha: true }],
    ['past a limit, a captcha that does not verify is refused as such', { accountAttempts: limits.perAccount + 1, captcha: 'invalid' }, { ok: false, code: 'captcha_invalid' }],
    ['past the address ceiling, even a solved captcha waits, and no challenge is offered', { addressAttempts: limits.perAddressMax + 1, captcha: 'valid' }, { ok: false, code: 'rate_limited', retryAfterSeconds: 300, captcha: false }],
    ['the wait is at least one second', { accountAttempts: limits.perAccount + 1, accountResetsInMs: 0 }, { ok: false, code: 'rate_limited', retryAfterSeconds: 1, captcha: true }],
    ['a part of a second rounds up', { accountAttempts: limits.perAccount + 1, accountResetsInMs: 1_001 }, { ok: false, code: 'rate_limited', retryAfterSeconds: 2, captcha: true }],
  ])('%s', (_name, over, expected) => {
    expect(decideThrottle(facts(over), limits)).toEqual(expected);
  });
});

describe('decidePassword', () => {
  const strong = { score: 4, warning: null };
  it.each<[string, string, string, { score: number; warning: string | null }, ReturnType<typeof decidePassword>]>([
    ['a long phrase the estimator rates strong is accepted', 'correct horse battery', 'ada@example.com', strong, { ok: true }],
    ['the address itself is refused, whatever the estimate', 'ada.lovelace@example.com', 'Ada.Lovelace@example.com', strong, { ok: false, reason: 'contains_email' }],
    ['the local part with a few characters around it is refused', 'adalovelace12', 'ada.lovelace@example.com', strong, { ok: false, reason: 'contains_email' }],
    ['a phrase that merely contains a short local part is judged by the estimate', 'correct horse battery ada', 'ada@example.com', strong, { ok: true }],
    ['a password from the common-password list is refused as common', 'password', 'x@example.com', { score: 0, warning: 'topTen' }, { ok: false, reason: 'common' }],
    ['one close to a common password is refused as common', 'Password1!', 'x@example.com', { score: 1, warning: 'similarToCommon' }, { ok: false, reason: 'common' }],
    ['repeated characters are refused as repeats', 'aaaaaaaa', 'x@example.com', { score: 0, warning: 'simpleRepeat' }, { ok: false, reason: 'repeats' }],
    ['a keyboard row is refused as a pattern', 'qazwsxedc', 'x@example.com', { score: 1, warning: 'keyPattern' }, { ok: false, reason: 'pattern' }],
    ['a weak password without a named reason is refused as too guessable', 'Xk3!mmmp', 'x@example.com', { score: 2, warning: null }, { ok: false, reason: 'too_guessable' }],
    ['the policy score is the bar: at it, accepted', 'Xk3!mmmpq', 'x@example.com', { score: defaultPolicy.passwordMinScore, warning: null }, { ok: true }],
  ])('%s', (_name, password, email, estimate, expected) => {
    expect(decidePassword(password, email, estimate, defaultPolicy.passwordMinScore)).toEqual(expected);
  });
});
