import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import {
  canSelfLift,
  countingSince,
  decideGrant,
  decideRestriction,
  decideSelfLift,
  isRestricted,
  reportWindowStart,
  restrictionEndsAt,
  standingOf,
  type AnswerTally,
} from '../../src/domain/standing.js';
import { daysAfter, daysBefore, msAfter, NOW, policyWith, standingState } from './fixtures.js';

const policy = defaultPolicy;
const low = policy.lowAcceptance!;
const threshold = policy.reportRestrictThreshold;

const restrictedSince = daysBefore(NOW, 3);
const firstRestriction = standingState({ restrictedAt: restrictedSince, restrictionCount: 1 });
const secondRestriction = standingState({ restrictedAt: restrictedSince, restrictionCount: 2 });

/** `accepted` accepted answers padded with not-accepted ones to `total`, newest first. */
function answers(accepted: number, total: number): AnswerTally['recentAnswers'] {
  return Array.from({ length: total }, (_, i) => (i < accepted ? 'accepted' : 'not_accepted'));
}

function tally(overrides: Partial<AnswerTally> = {}): AnswerTally {
  return { reportsSinceLift: 0, recentAnswers: [], ...overrides };
}

/** The largest number of accepted answers out of `minDecided` that is still below `minAcceptRate`. */
const acceptedBelowRate = Math.ceil(low.minAcceptRate * low.minDecided) - 1;
const acceptedAtRate = Math.ceil(low.minAcceptRate * low.minDecided);

describe('isRestricted', () => {
  it.each([
    ['a member never restricted is not restricted', standingState(), false],
    ['a restriction without an end date is in force', firstRestriction, true],
    ['a restriction whose end is still ahead is in force', standingState({ restrictedAt: restrictedSince, restrictionEndsAt: msAfter(NOW, 1), restrictionCount: 1 }), true],
    ['a restriction ends exactly at restrictionEndsAt', standingState({ restrictedAt: restrictedSince, restrictionEndsAt: NOW, restrictionCount: 1 }), false],
    ['a restriction whose end has passed is over', standingState({ restrictedAt: restrictedSince, restrictionEndsAt: daysBefore(NOW, 1), restrictionCount: 1 }), false],
    ['a lifted member (restrictedAt cleared) is not restricted', standingState({ restrictionCount: 1, lastLiftAt: daysBefore(NOW, 1) }), false],
  ])('%s', (_label, state, expected) => {
    expect(isRestricted(state, NOW)).toBe(expected);
  });
});

describe('restrictionEndsAt', () => {
  it('with restrictionDays null a restriction only ends by a lift', () => {
    expect(restrictionEndsAt(policy, NOW)).toBeNull();
  });

  it('with restrictionDays set a restriction ends by itself that many days later', () => {
    const timed = policyWith({ restrictionDays: 14 });
    expect(restrictionEndsAt(timed, NOW)).toEqual(daysAfter(NOW, timed.restrictionDays!));
  });
});

describe('countingSince', () => {
  const lift = daysBefore(NOW, 10);
  const ended = daysBefore(NOW, 5);
  it.each([
    ['a member never restricted counts from the beginning', standingState(), null],
    ['a member restricted now counts from the last lift', standingState({ restrictedAt: restrictedSince, restrictionCount: 2, lastLiftAt: lift }), lift],
    ['a member restricted now and never lifted counts from the beginning', firstRestriction, null],
    ['a lifted member counts from the lift', standingState({ restrictionCount: 1, lastLiftAt: lift }), lift],
    ['a timed restriction that ran out counts from its end', standingState({ restrictedAt: daysBefore(NOW, 20), restrictionEndsAt: ended, restrictionCount: 1 }), ended],
    ['a timed restriction still in force does not reset the count', standingState({ restrictedAt: restrictedSince, restrictionEndsAt: daysAfter(NOW, 1), restrictionCount: 1 }), null],
    ['a restriction that ran out after the last lift counts from its end', standingState({ restrictedAt: daysBefore(NOW, 8), restrictionEndsAt: ended, restrictionCount: 2, lastLiftAt: lift }), ended],
    ['a lift after a restriction ran out counts from the lift', standingState({ restrictedAt: daysBefore(NOW, 20), restrictionEndsAt: daysBefore(NOW, 15), restrictionCount: 2, lastLiftAt: lift }), lift],
    ['a restriction that ends exactly now counts from now', standingState({ restrictedAt: restrictedSince, restrictionEndsAt: NOW, restrictionCount: 1 }), NOW],
  ])('%s', (_label, state, expected) => {
    expect(countingSince(state, NOW)).toEqual(expected);
  });
});

describe('canSelfLift and decideSelfLift', () => {
  it.each([
    ['a member may lift the first restriction themself', firstRestriction, true, { ok: true }],
    ['a member may not lift a second restriction themself', secondRestriction, false, { ok: false, code: 'standing_not_liftable' }],
    ['a member may not lift a later restriction themself', standingState({ restrictedAt: restrictedSince, restrictionCount: 5 }), false, { ok: false, code: 'standing_not_liftable' }],
    ['a member who is not restricted has nothing to lift', standingState(), false, { ok: false, code: 'not_restricted' }],
    ['a member whose first restriction was lifted has nothing to lift', standingState({ restrictionCount: 1, lastLiftAt: daysBefore(NOW, 1) }), false, { ok: false, code: 'not_restricted' }],
    ['a member whose timed restriction ran out has nothing to lift', standingState({ restrictedAt: restrictedSince, restrictionEndsAt: NOW, restrictionCount: 1 }), false, { ok: false, code: 'not_restricted' }],
    ['a member whose later restriction ran out has nothing to lift', standingState({ restrictedAt: restrictedSince, restrictionEndsAt: NOW, restrictionCount: 2 }), false, { ok: false, code: 'not_restricted' }],
  ])('%s', (_label, state, liftable, decision) => {
    expect(canSelfLift(state, NOW)).toBe(liftable);
    expect(decideSelfLift(state, NOW)).toEqual(decision);
  });
});

describe('standingOf', () => {
  it('the standing shown during the first restriction is restricted and self-liftable', () => {
    const endsAt = daysAfter(NOW, 4);
    const state = standingState({ restrictedAt: restrictedSince, restrictionEndsAt: endsAt, restrictionCount: 1 });
    expect(standingOf(state, threshold, policy, NOW)).toEqual({
      restricted: true,
      reports: threshold,
      restrictionCount: 1,
      canSelfLift: true,
      threshold,
      restrictedAt: restrictedSince.toISOString(),
      restrictionEndsAt: endsAt.toISOString(),
    });
  });

  it('the standing shown after a restriction ran out hides its dates', () => {
    const state = standingState({ restrictedAt: restrictedSince, restrictionEndsAt: NOW, restrictionCount: 2 });
    expect(standingOf(state, 0, policy, NOW)).toEqual({
      restricted: false,
      reports: 0,
      restrictionCount: 2,
      canSelfLift: false,
      threshold,
      restrictedAt: null,
      restrictionEndsAt: null,
    });
  });
});

describe('decideRestriction: reports', () => {
  it('a sender reported reportRestrictThreshold times since the last lift is restricted', () => {
    expect(decideRestriction(standingState(), tally({ reportsSinceLift: threshold }), policy, NOW)).toBe('reports');
  });

  it('a sender reported one time fewer than reportRestrictThreshold is not restricted', () => {
    expect(decideRestriction(standingState(), tally({ reportsSinceLift: threshold - 1 }), policy, NOW)).toBeNull();
  });

  it('the report threshold comes from the policy', () => {
    const strict = policyWith({ reportRestrictThreshold: 1 });
    expect(decideRestriction(standingState(), tally({ reportsSinceLift: strict.reportRestrictThreshold }), strict, NOW)).toBe('reports');
  });

  it('a sender who is already restricted is not restricted again', () => {
    const heavy = tally({ reportsSinceLift: threshold * 2, recentAnswers: answers(0, low.minDecided) });
    expect(decideRestriction(firstRestriction, heavy, policy, NOW)).toBeNull();
    expect(decideRestriction(secondRestriction, heavy, policy, NOW)).toBeNull();
  });

  it('a sender whose timed restriction ran out may be restricted again', () => {
    const ranOut = standingState({ restrictedAt: restrictedSince, restrictionEndsAt: NOW, restrictionCount: 1 });
    expect(decideRestriction(ranOut, tally({ reportsSinceLift: threshold }), policy, NOW)).toBe('reports');
  });

  it('reports are checked before low acceptance', () => {
    const both = tally({ reportsSinceLift: threshold, recentAnswers: answers(0, low.minDecided) });
    expect(decideRestriction(standingState(), both, policy, NOW)).toBe('reports');
  });
});

describe('decideRestriction: low acceptance', () => {
  it.each([
    ['fewer than minAcceptRate of minDecided answers accepted restricts the sender', answers(acceptedBelowRate, low.minDecided), 'low_acceptance'],
    ['none of minDecided answers accepted restricts the sender', answers(0, low.minDecided), 'low_acceptance'],
    ['exactly minAcceptRate of minDecided answers accepted does not restrict', answers(acceptedAtRate, low.minDecided), null],
    ['all answers accepted does not restrict', answers(low.minDecided, low.minDecided), null],
    ['fewer than minDecided answers never restrict, even none accepted', answers(0, low.minDecided - 1), null],
    ['no answers at all do not restrict', answers(0, 0), null],
  ] as const)('%s', (_label, recentAnswers, expected) => {
    expect(decideRestriction(standingState(), tally({ recentAnswers }), policy, NOW)).toBe(expected);
  });

  it('only the newest minDecided answers are considered', () => {
    const recentBad = [...answers(0, low.minDecided), ...answers(low.minDecided, low.minDecided)];
    expect(decideRestriction(standingState(), tally({ recentAnswers: recentBad }), policy, NOW)).toBe('low_acceptance');
    const recentGood = [...answers(low.minDecided, low.minDecided), ...answers(0, low.minDecided)];
    expect(decideRestriction(standingState(), tally({ recentAnswers: recentGood }), policy, NOW)).toBeNull();
  });

  it('minDecided and minAcceptRate come from the policy', () => {
    const custom = policyWith({ lowAcceptance: { minDecided: 4, minAcceptRate: 0.5 } });
    const { minDecided } = custom.lowAcceptance!;
    expect(decideRestriction(standingState(), tally({ recentAnswers: answers(1, minDecided) }), custom, NOW)).toBe('low_acceptance');
    expect(decideRestriction(standingState(), tally({ recentAnswers: answers(2, minDecided) }), custom, NOW)).toBeNull();
    expect(decideRestriction(standingState(), tally({ recentAnswers: answers(0, minDecided - 1) }), custom, NOW)).toBeNull();
  });

  it('with lowAcceptance null a low acceptance rate never restricts', () => {
    const off = policyWith({ lowAcceptance: null });
    expect(decideRestriction(standingState(), tally({ recentAnswers: answers(0, low.minDecided * 5) }), off, NOW)).toBeNull();
    expect(decideRestriction(standingState(), tally({ reportsSinceLift: off.reportRestrictThreshold }), off, NOW)).toBe('reports');
  });

  it('a sender who is already restricted is not restricted again for low acceptance', () => {
    expect(decideRestriction(firstRestriction, tally({ recentAnswers: answers(0, low.minDecided) }), policy, NOW)).toBeNull();
  });
});

describe('decideGrant', () => {
  const max = policy.grantMaxPerMonth;
  const clean = { restricted: false, reportsInWindow: 0, grantedThisMonth: 0 };
  it.each([
    ['an admin may grant to a member in good standing', { ...clean, count: 1 }, { ok: true }],
    ['an admin may grant up to grantMaxPerMonth in a month', { ...clean, count: max }, { ok: true }],
    ['an admin may grant exactly the rest of the month\'s limit', { ...clean, grantedThisMonth: max - 10, count: 10 }, { ok: true }],
    ['an admin may not grant to a member who is restricted', { ...clean, restricted: true, count: 1 }, { ok: false, code: 'member_flagged' }],
    ['an admin may not grant to a member reported reportRestrictThreshold times in the report window', { ...clean, reportsInWindow: threshold, count: 1 }, { ok: false, code: 'member_flagged' }],
    ['an admin may grant to a member reported fewer times than the threshold', { ...clean, reportsInWindow: threshold - 1, count: 1 }, { ok: true }],
    ['an admin may not grant more than grantMaxPerMonth in one go', { ...clean, count: max + 1 }, { ok: false, code: 'grant_limit_exceeded', remaining: max }],
    ['an admin may not grant past the month\'s limit, and is told what remains', { ...clean, grantedThisMonth: max - 10, count: 11 }, { ok: false, code: 'grant_limit_exceeded', remaining: 10 }],
    ['when the month\'s limit is used up nothing remains', { ...clean, grantedThisMonth: max, count: 1 }, { ok: false, code: 'grant_limit_exceeded', remaining: 0 }],
    ['remaining is never negative (limit lowered after grants)', { ...clean, grantedThisMonth: max + 5, count: 1 }, { ok: false, code: 'grant_limit_exceeded', remaining: 0 }],
    ['a flagged member is refused as flagged before the monthly limit is checked', { ...clean, restricted: true, grantedThisMonth: max, count: 1 }, { ok: false, code: 'member_flagged' }],
  ])('%s', (_label, facts, expected) => {
    expect(decideGrant(facts, policy)).toEqual(expected);
  });
});

describe('reportWindowStart', () => {
  it('a grant counts the reports of the last reportWindowDays', () => {
    expect(reportWindowStart(NOW, policy)).toEqual(daysBefore(NOW, policy.reportWindowDays));
  });

  it('a changed reportWindowDays moves where the window begins', () => {
    expect(reportWindowStart(NOW, policyWith({ reportWindowDays: 7 }))).toEqual(daysBefore(NOW, 7));
    expect(reportWindowStart(NOW, policyWith({ reportWindowDays: 90 }))).toEqual(daysBefore(NOW, 90));
  });
});
