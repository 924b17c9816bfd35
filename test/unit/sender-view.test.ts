import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../src/domain/policy.js';
import { canWithdraw, decideResend, resendAvailableAt, senderActions, statusForSender, type SenderAction, type SenderFacts } from '../../src/domain/sender-view.js';
import type { InvitationStatus } from '../../src/db/schema.js';

type ActionRow = [rule: string, facts: SenderFacts, policy: Policy, actions: SenderAction[]];
import { ALL_STATUSES, daysAfter, daysBefore, msAfter, NOW, policyWith, senderFacts } from './fixtures.js';

const policy = defaultPolicy;
const noWithdrawAfterViewed = policyWith({ withdrawAfterViewed: false });
const sentLongAgo = daysBefore(NOW, policy.resendMinDays + 1);

describe('statusForSender', () => {
  const shown: Record<InvitationStatus, InvitationStatus> = {
    pending: 'pending',
    ignored: 'pending',
    reported: 'pending',
    accepted: 'accepted',
    declined: 'declined',
    withdrawn: 'withdrawn',
    expired: 'expired',
  };
  it.each(ALL_STATUSES.map((status) => [status, shown[status]] as const))('a %s invitation reads %s to its sender', (status, expected) => {
    expect(statusForSender(status)).toBe(expected);
  });
});

describe('senderActions', () => {
  it.each([
    ['an untouched pending invitation offers withdraw and resend', senderFacts({ status: 'pending' }), policy, ['withdraw', 'resend']],
    ['an ignored invitation offers only withdraw', senderFacts({ status: 'ignored' }), policy, ['withdraw']],
    ['a reported invitation offers nothing', senderFacts({ status: 'reported' }), policy, []],
    ['a pending invitation resent maxResends times offers only withdraw', senderFacts({ resendCount: policy.maxResends }), policy, ['withdraw']],
    ['a pending invitation resent fewer than maxResends times still offers resend', senderFacts({ resendCount: policy.maxResends - 1 }), policy, ['withdraw', 'resend']],
    ['a viewed pending invitation may still be withdrawn when withdrawAfterViewed is true', senderFacts({ viewedAt: NOW }), policy, ['withdraw', 'resend']],
    ['a viewed pending invitation may not be withdrawn when withdrawAfterViewed is false', senderFacts({ viewedAt: NOW }), noWithdrawAfterViewed, ['resend']],
    ['an unviewed pending invitation may be withdrawn when withdrawAfterViewed is false', senderFacts({ viewedAt: null }), noWithdrawAfterViewed, ['withdraw', 'resend']],
    ['a viewed ignored invitation offers nothing when withdrawAfterViewed is false', senderFacts({ status: 'ignored', viewedAt: NOW }), noWithdrawAfterViewed, []],
    ['with maxResends 0 a pending invitation offers only withdraw', senderFacts(), policyWith({ maxResends: 0 }), ['withdraw']],
    ...(['accepted', 'declined', 'withdrawn', 'expired'] as const).map(
      (status): ActionRow => [`a ${status} invitation offers nothing`, senderFacts({ status }), policy, []],
    ),
  ] as ActionRow[])('%s', (_label, facts, rules, expected) => {
    expect(senderActions(facts, rules)).toEqual(expected);
  });
});

describe('canWithdraw', () => {
  it.each(ALL_STATUSES.map((status) => [status, status === 'pending' || status === 'ignored'] as const))(
    'a %s invitation can be withdrawn: %s',
    (status, ok) => {
      expect(canWithdraw(senderFacts({ status }), policy).ok).toBe(ok);
    },
  );

  it('a refused withdrawal of a reported invitation does not reveal the report', () => {
    const result = canWithdraw(senderFacts({ status: 'reported' }), policy);
    expect(result).toMatchObject({ ok: false, code: 'withdraw_unavailable' });
    expect(JSON.stringify(result)).not.toMatch(/report/);
  });

  it('a viewed invitation cannot be withdrawn when withdrawAfterViewed is false', () => {
    expect(canWithdraw(senderFacts({ viewedAt: NOW }), noWithdrawAfterViewed)).toMatchObject({ ok: false, code: 'withdraw_unavailable' });
  });
});

describe('decideResend', () => {
  it.each([
    ['one millisecond before resendMinDays after the last send', -1, false],
    ['exactly resendMinDays after the last send', 0, true],
    ['after resendMinDays', 1, true],
  ])('a pending invitation may be resent no sooner than resendMinDays after the last send (%s)', (_label, offsetMs, ok) => {
    const lastSentAt = daysBefore(NOW, policy.resendMinDays);
    const earliest = daysAfter(lastSentAt, policy.resendMinDays);
    const result = decideResend(senderFacts({ lastSentAt }), policy, msAfter(earliest, offsetMs));
    if (ok) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code: 'resend_unavailable', retryAfter: earliest });
  });

  it('the resend wait counts from the last resend, not the first send', () => {
    const lastSentAt = daysBefore(NOW, 1);
    expect(decideResend(senderFacts({ lastSentAt, resendCount: 1 }), policy, NOW)).toMatchObject({
      ok: false,
      code: 'resend_unavailable',
      retryAfter: daysAfter(lastSentAt, policy.resendMinDays),
    });
  });

  it('a pending invitation may be resent at most maxResends times', () => {
    expect(decideResend(senderFacts({ lastSentAt: sentLongAgo, resendCount: policy.maxResends - 1 }), policy, NOW)).toEqual({ ok: true });
    const result = decideResend(senderFacts({ lastSentAt: sentLongAgo, resendCount: policy.maxResends }), policy, NOW);
    expect(result).toMatchObject({ ok: false, code: 'resend_unavailable' });
    expect(result).not.toHaveProperty('retryAfter');
  });

  it.each(ALL_STATUSES.filter((status) => status !== 'pending'))('a %s invitation cannot be resent, only a pending one', (status) => {
    const result = decideResend(senderFacts({ status, lastSentAt: sentLongAgo }), policy, NOW);
    expect(result).toMatchObject({ ok: false, code: 'resend_unavailable' });
    expect(result).not.toHaveProperty('retryAfter');
  });

  it('with resendMinDays 0 a resend is possible at once', () => {
    expect(decideResend(senderFacts({ lastSentAt: NOW }), policyWith({ resendMinDays: 0 }), NOW)).toEqual({ ok: true });
  });
});

describe('resendAvailableAt', () => {
  it.each([
    ['a pending invitation can be resent resendMinDays after the last send', senderFacts({ lastSentAt: NOW }), daysAfter(NOW, policy.resendMinDays)],
    ['an ignored invitation has no resend date', senderFacts({ status: 'ignored' }), null],
    ['an invitation resent maxResends times has no resend date', senderFacts({ resendCount: policy.maxResends }), null],
  ])('%s', (_label, facts, expected) => {
    expect(resendAvailableAt(facts, policy)).toEqual(expected);
  });
});
