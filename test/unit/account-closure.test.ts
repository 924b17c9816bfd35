import { describe, expect, it } from 'vitest';
import {
  introductionStatusOnClose,
  invitationActionOnClose,
  isDueForErasure,
  scheduleClosure,
  signInOutcome,
  standingOnReturn,
  standingToRemember,
} from '../../src/domain/account-closure.js';
import { DAY_MS } from '../../src/domain/clock.js';
import { decideTransition } from '../../src/domain/invitation-state.js';
import { decideReinvite } from '../../src/domain/reinvite.js';
import { policyWith } from './fixtures.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * DAY_MS);
const policy = policyWith({ closeGraceDays: 14, closedStandingMemoryDays: 365 });

describe('closing an account: the grace period and erasure', () => {
  it('erases closeGraceDays after closing', () => {
    expect(scheduleClosure(NOW, policy)).toEqual({ closingAt: NOW, eraseAfter: days(14) });
    expect(scheduleClosure(NOW, policyWith({ closeGraceDays: 0 })).eraseAfter).toEqual(NOW);
  });

  it.each([
    ['an open account signs in', { closingAt: null, eraseAfter: null }, NOW, 'open'],
    ['a closing account within its grace period reopens', { closingAt: NOW, eraseAfter: days(14) }, days(13), 'reopen'],
    ['one past its grace period is gone, erased or not', { closingAt: NOW, eraseAfter: days(14) }, days(14), 'gone'],
  ] as const)('%s', (_label, account, at, outcome) => {
    expect(signInOutcome(account, at)).toBe(outcome);
  });

  it('is due for erasure only once closing and past its date', () => {
    expect(isDueForErasure({ closingAt: NOW, eraseAfter: days(14) }, days(13))).toBe(false);
    expect(isDueForErasure({ closingAt: NOW, eraseAfter: days(14) }, days(14))).toBe(true);
    expect(isDueForErasure({ closingAt: null, eraseAfter: null }, days(100))).toBe(false);
  });
});

describe('what closing does to what is under way', () => {
  it('withdraws what the member sent and declines what they received, through the service transition', () => {
    expect(invitationActionOnClose('sender')).toBe('withdraw');
    expect(invitationActionOnClose('recipient')).toBe('decline');
    for (const status of ['pending', 'ignored'] as const) {
      expect(decideTransition({ status, viewedAt: NOW }, 'withdraw', 'service', policyWith({ withdrawAfterViewed: false }))).toEqual({ ok: true, to: 'withdrawn' });
      expect(decideTransition({ status, viewedAt: null }, 'decline', 'service', policy)).toEqual({ ok: true, to: 'declined' });
    }
    expect(decideTransition({ status: 'accepted', viewedAt: null }, 'decline', 'service', policy)).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(decideTransition({ status: 'pending', viewedAt: null }, 'decline', 'sender', policy)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('an invitation the closing ended weighs on no re-invite; a member\'s own decline still does', () => {
    const byClosure = { respondedAt: NOW, ignoredAt: null, endedByClosure: true };
    expect(decideReinvite([{ status: 'declined', ...byClosure }], policy, days(1))).toEqual({ ok: true });
    expect(decideReinvite([{ status: 'withdrawn', ...byClosure }], policy, days(1))).toEqual({ ok: true });
    expect(decideReinvite([{ status: 'declined', respondedAt: NOW, ignoredAt: null }], policy, days(1))).toEqual({ ok: false, code: 'reinvite_forbidden' });
  });

  it.each([
    ['requested', 'declined'],
    ['forwarded', 'declined'],
    ['declined', null],
    ['connected', null],
  ] as const)('an introduction %s becomes %s', (status, next) => {
    expect(introductionStatusOnClose(status)).toBe(next);
  });
});

describe("an address's standing after its account is gone", () => {
  const schedule = scheduleClosure(NOW, policy);

  it('remembers nothing for an address never restricted, or with closedStandingMemoryDays 0', () => {
    expect(standingToRemember({ restrictionCount: 0, restricted: false }, schedule, policy)).toBeNull();
    expect(standingToRemember({ restrictionCount: 2, restricted: true }, schedule, policyWith({ closedStandingMemoryDays: 0 }))).toBeNull();
  });

  it('remembers a restricted address until closedStandingMemoryDays after the erasure', () => {
    expect(standingToRemember({ restrictionCount: 2, restricted: true }, schedule, policy)).toEqual({ restrictionCount: 2, restricted: true, rememberUntil: days(14 + 365) });
  });

  it('a new account on the address starts restricted while the memory lasts, and clean after', () => {
    const memory = { restrictionCount: 2, restricted: true, rememberUntil: days(379) };
    expect(standingOnReturn(memory, days(20))).toEqual({ restrictionCount: 2, restrictedAt: days(20) });
    expect(standingOnReturn({ ...memory, restricted: false }, days(20))).toEqual({ restrictionCount: 2, restrictedAt: null });
    expect(standingOnReturn(memory, days(379))).toBeNull();
    expect(standingOnReturn(undefined, days(20))).toBeNull();
  });
});
