import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { decideReinvite, type PastInvitation } from '../../src/domain/reinvite.js';
import { DAY_MS, daysAfter, daysBefore, ignoredThenExpired, msAfter, NOW, past, policyWith } from './fixtures.js';

const policy = defaultPolicy;
const [firstIgnoreWait, secondIgnoreWait] = policy.reinviteAfterIgnoreDays as [number, number];
const withdrawWait = policy.reinviteAfterWithdrawDays;
const T0 = new Date('2024-01-10T08:00:00.000Z');

describe('decideReinvite: never after a decline or a report', () => {
  it.each([
    ['declined', past('declined', { respondedAt: T0 })],
    ['reported', past('reported', { respondedAt: T0 })],
  ])('a sender may not invite again after the recipient %s', (_label, invitation) => {
    expect(decideReinvite([invitation], policy, daysAfter(T0, 10 * 365))).toEqual({ ok: false, code: 'reinvite_forbidden' });
  });

  it('a sender may not invite again after a decline even when a later withdrawal has cooled down', () => {
    const history = [past('declined', { respondedAt: T0 }), past('withdrawn', { respondedAt: daysAfter(T0, 1) })];
    expect(decideReinvite(history, policy, daysAfter(T0, 1 + withdrawWait))).toEqual({ ok: false, code: 'reinvite_forbidden' });
  });

  it('a sender may not invite again after a report, whatever came later', () => {
    const history = [past('accepted', { respondedAt: T0 }), past('reported', { respondedAt: daysAfter(T0, 1) })];
    expect(decideReinvite(history, policy, daysAfter(T0, 10 * 365))).toEqual({ ok: false, code: 'reinvite_forbidden' });
  });
});

describe('decideReinvite: ignored invitations', () => {
  it('a sender with no history may invite', () => {
    expect(decideReinvite([], policy, NOW)).toEqual({ ok: true });
  });

  it.each([
    ['one millisecond before the wait ends', -1, false],
    ['exactly when the wait ends', 0, true],
    ['after the wait', 1, true],
  ])('after the 1st ignored invitation a sender waits reinviteAfterIgnoreDays[0] from ignoredAt (%s)', (_label, offsetMs, ok) => {
    const retryAt = daysAfter(T0, firstIgnoreWait);
    const result = decideReinvite([ignoredThenExpired(T0)], policy, msAfter(retryAt, offsetMs));
    expect(result).toEqual(ok ? { ok: true } : { ok: false, code: 'reinvite_cooldown', retryAfter: retryAt });
  });

  it.each([
    ['one millisecond before the wait ends', -1, false],
    ['exactly when the wait ends', 0, true],
  ])('after the 2nd ignored invitation a sender waits reinviteAfterIgnoreDays[1] from the later ignoredAt (%s)', (_label, offsetMs, ok) => {
    const secondIgnoredAt = daysAfter(T0, firstIgnoreWait + 1);
    const retryAt = daysAfter(secondIgnoredAt, secondIgnoreWait);
    const history = [ignoredThenExpired(T0), ignoredThenExpired(secondIgnoredAt)];
    expect(decideReinvite(history, policy, msAfter(retryAt, offsetMs))).toEqual(
      ok ? { ok: true } : { ok: false, code: 'reinvite_cooldown', retryAfter: retryAt },
    );
  });

  it('the 2nd wait counts from the latest ignore whatever the order of the history', () => {
    const secondIgnoredAt = daysAfter(T0, firstIgnoreWait + 1);
    const history = [ignoredThenExpired(secondIgnoredAt), ignoredThenExpired(T0)];
    expect(decideReinvite(history, policy, secondIgnoredAt)).toEqual({
      ok: false,
      code: 'reinvite_cooldown',
      retryAfter: daysAfter(secondIgnoredAt, secondIgnoreWait),
    });
  });

  it('a sender may never invite again after the 3rd ignored invitation', () => {
    const history = [0, 1, 2].map((n) => ignoredThenExpired(daysAfter(T0, n * (secondIgnoreWait + 1))));
    expect(history).toHaveLength(policy.reinviteAfterIgnoreDays.length + 1);
    expect(decideReinvite(history, policy, daysAfter(T0, 100 * 365))).toEqual({ ok: false, code: 'reinvite_forbidden' });
  });

  it('past the end of the reinviteAfterIgnoreDays list a sender may never invite again (the list length decides)', () => {
    const shortList = policyWith({ reinviteAfterIgnoreDays: [firstIgnoreWait] });
    expect(decideReinvite([ignoredThenExpired(T0)], shortList, daysAfter(T0, firstIgnoreWait))).toEqual({ ok: true });
    const twoIgnores = [ignoredThenExpired(T0), ignoredThenExpired(daysAfter(T0, firstIgnoreWait))];
    expect(decideReinvite(twoIgnores, shortList, daysAfter(T0, 100 * 365))).toEqual({ ok: false, code: 'reinvite_forbidden' });
  });

  it('with an empty reinviteAfterIgnoreDays a single ignore closes the door', () => {
    const none = policyWith({ reinviteAfterIgnoreDays: [] });
    expect(decideReinvite([ignoredThenExpired(T0)], none, daysAfter(T0, 100 * 365))).toEqual({ ok: false, code: 'reinvite_forbidden' });
  });

  it('an ignored invitation that the sender later withdrew still counts as an ignore', () => {
    const history: PastInvitation[] = [{ status: 'withdrawn', ignoredAt: T0, respondedAt: daysAfter(T0, 1) }];
    const ignoreRetry = daysAfter(T0, firstIgnoreWait);
    const withdrawRetry = daysAfter(T0, 1 + withdrawWait);
    const expected = ignoreRetry > withdrawRetry ? ignoreRetry : withdrawRetry;
    expect(decideReinvite(history, policy, daysAfter(T0, 2))).toEqual({ ok: false, code: 'reinvite_cooldown', retryAfter: expected });
  });
});

describe('decideReinvite: withdrawn invitations', () => {
  it.each([
    ['one millisecond before the wait ends', -1, false],
    ['exactly when the wait ends', 0, true],
    ['long after', 365 * DAY_MS, true],
  ])('after a withdrawal a sender waits reinviteAfterWithdrawDays from respondedAt (%s)', (_label, offsetMs, ok) => {
    const retryAt = daysAfter(T0, withdrawWait);
    const result = decideReinvite([past('withdrawn', { respondedAt: T0 })], policy, msAfter(retryAt, offsetMs));
    expect(result).toEqual(ok ? { ok: true } : { ok: false, code: 'reinvite_cooldown', retryAfter: retryAt });
  });

  it('after several withdrawals the wait counts from the latest one', () => {
    const later = daysAfter(T0, withdrawWait);
    const history = [past('withdrawn', { respondedAt: later }), past('withdrawn', { respondedAt: T0 })];
    expect(decideReinvite(history, policy, later)).toEqual({ ok: false, code: 'reinvite_cooldown', retryAfter: daysAfter(later, withdrawWait) });
  });

  it('withdrawals never close the door for good', () => {
    const history = [0, 1, 2, 3, 4].map((n) => past('withdrawn', { respondedAt: daysAfter(T0, n * withdrawWait) }));
    const lastRetry = daysAfter(T0, 5 * withdrawWait);
    expect(decideReinvite(history, policy, lastRetry)).toEqual({ ok: true });
  });

  it('a withdrawal with a zero reinviteAfterWithdrawDays allows inviting again at once', () => {
    expect(decideReinvite([past('withdrawn', { respondedAt: NOW })], policyWith({ reinviteAfterWithdrawDays: 0 }), NOW)).toEqual({ ok: true });
  });
});

describe('decideReinvite: ignore and withdrawal together', () => {
  it('when both an ignore wait and a withdrawal wait apply, the sender waits until the later date (ignore later)', () => {
    const withdrawnAt = daysAfter(T0, 1);
    const history = [ignoredThenExpired(T0), past('withdrawn', { respondedAt: withdrawnAt })];
    const ignoreRetry = daysAfter(T0, firstIgnoreWait);
    const withdrawRetry = daysAfter(withdrawnAt, withdrawWait);
    expect(ignoreRetry > withdrawRetry).toBe(true);
    expect(decideReinvite(history, policy, withdrawRetry)).toEqual({ ok: false, code: 'reinvite_cooldown', retryAfter: ignoreRetry });
    expect(decideReinvite(history, policy, ignoreRetry)).toEqual({ ok: true });
  });

  it('when both an ignore wait and a withdrawal wait apply, the sender waits until the later date (withdrawal later)', () => {
    const withdrawnAt = daysAfter(T0, firstIgnoreWait);
    const history = [ignoredThenExpired(T0), past('withdrawn', { respondedAt: withdrawnAt })];
    const ignoreRetry = daysAfter(T0, firstIgnoreWait);
    const withdrawRetry = daysAfter(withdrawnAt, withdrawWait);
    expect(withdrawRetry > ignoreRetry).toBe(true);
    expect(decideReinvite(history, policy, ignoreRetry)).toEqual({ ok: false, code: 'reinvite_cooldown', retryAfter: withdrawRetry });
    expect(decideReinvite(history, policy, withdrawRetry)).toEqual({ ok: true });
  });
});

describe('decideReinvite: other finished invitations', () => {
  it.each([
    ['an accepted invitation (the two later disconnected)', past('accepted', { respondedAt: daysBefore(NOW, 1) })],
    ['an expired, never-answered invitation', past('expired', { respondedAt: daysBefore(NOW, 1) })],
  ])('%s does not hold back a new invitation', (_label, invitation) => {
    expect(decideReinvite([invitation], policy, NOW)).toEqual({ ok: true });
  });
});
