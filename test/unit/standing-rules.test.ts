import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { decideRestriction, standingOf, type AnswerTally } from '../../src/domain/standing.js';
import { answersUntilLowAcceptance, reportsUntilRestriction, standingRulesOf, visibleStanding } from '../../src/domain/standing-rules.js';
import { NOW, policyWith, standingState } from './fixtures.js';

const policy = defaultPolicy;
const low = policy.lowAcceptance!;
const threshold = policy.reportRestrictThreshold;
const within = policy.standingWarnWithin;

/** `accepted` accepted answers, newest first, then not-accepted ones up to `total`. */
function answers(accepted: number, total: number): AnswerTally['recentAnswers'] {
  return Array.from({ length: total }, (_, i) => (i < accepted ? 'accepted' : 'not_accepted'));
}

describe('reportsUntilRestriction', () => {
  it('counts down to the threshold and stops at 0', () => {
    expect(reportsUntilRestriction(0, policy)).toBe(threshold);
    expect(reportsUntilRestriction(threshold - 1, policy)).toBe(1);
    expect(reportsUntilRestriction(threshold + 3, policy)).toBe(0);
  });
});

describe('answersUntilLowAcceptance', () => {
  it('is 0 exactly when decideRestriction restricts for low acceptance', () => {
    for (let total = 0; total <= low.minDecided; total++) {
      for (let accepted = 0; accepted <= total; accepted++) {
        const recentAnswers = answers(accepted, total);
        const restricts = decideRestriction(standingState(), { reportsSinceLift: 0, recentAnswers }, policy, NOW) === 'low_acceptance';
        expect(answersUntilLowAcceptance(recentAnswers, low) === 0, `${accepted} of ${total}`).toBe(restricts);
      }
    }
  });

  it('counts the unaccepted answers that would bring the rule to bite, the oldest answers leaving the window', () => {
    // No answers yet: minDecided unaccepted answers restrict.
    expect(answersUntilLowAcceptance([], low)).toBe(low.minDecided);
    // One accepted of minDecided - 5: five more unaccepted fill the window with one accepted.
    expect(answersUntilLowAcceptance(answers(1, low.minDecided - 5), low)).toBe(5);
    // After k more answers, restriction needs the accepts left in the window to fall below the rate.
    const k = answersUntilLowAcceptance(answers(low.minDecided, low.minDecided), low)!;
    const acceptsLeft = low.minDecided - k;
    expect(acceptsLeft / low.minDecided).toBeLessThan(low.minAcceptRate);
    expect((acceptsLeft + 1) / low.minDecided).toBeGreaterThanOrEqual(low.minAcceptRate);
  });

  it('is null when no answers can meet the rule (minAcceptRate 0)', () => {
    expect(answersUntilLowAcceptance(answers(0, 40), { minDecided: 20, minAcceptRate: 0 })).toBeNull();
  });
});

describe('standingRulesOf: warning before a rule bites', () => {
  it('warns standingWarnWithin.reports reports before the threshold, not one sooner', () => {
    const at = (reportsSinceLift: number) => standingRulesOf({ reportsSinceLift, recentAnswers: [] }, false, policy).reports;
    expect(at(threshold - within.reports - 1)).toMatchObject({ warning: false, left: within.reports + 1 });
    expect(at(threshold - within.reports)).toMatchObject({ count: threshold - within.reports, threshold, left: within.reports, warning: true });
  });

  it('warns standingWarnWithin.answers unaccepted answers before low acceptance restricts', () => {
    const near = standingRulesOf({ reportsSinceLift: 0, recentAnswers: answers(1, low.minDecided - within.answers) }, false, policy).acceptance!;
    expect(near).toMatchObject({ decided: low.minDecided - within.answers, accepted: 1, left: within.answers, warning: true, minDecided: low.minDecided, minAcceptRate: low.minAcceptRate });
    expect(near.rate).toBeCloseTo(1 / (low.minDecided - within.answers));
    const far = standingRulesOf({ reportsSinceLift: 0, recentAnswers: answers(1, low.minDecided - within.answers - 1) }, false, policy).acceptance!;
    expect(far).toMatchObject({ left: within.answers + 1, warning: false });
    expect(standingRulesOf({ reportsSinceLift: 0, recentAnswers: [] }, false, policy).acceptance).toMatchObject({ decided: 0, rate: null, warning: false });
  });

  it('reads its numbers from the policy', () => {
    const strict = policyWith({ standingWarnWithin: { reports: 0, answers: 0 }, reportRestrictThreshold: 3 });
    expect(standingRulesOf({ reportsSinceLift: 2, recentAnswers: [] }, false, strict).reports).toMatchObject({ left: 1, warning: false });
    expect(standingRulesOf({ reportsSinceLift: 2, recentAnswers: [] }, false, policyWith({ reportRestrictThreshold: 3 })).reports.warning).toBe(true);
    expect(standingRulesOf({ reportsSinceLift: 0, recentAnswers: [] }, false, policyWith({ lowAcceptance: null })).acceptance).toBeNull();
  });

  it('gives no warning while restricted: the restriction is what the member sees', () => {
    const rules = standingRulesOf({ reportsSinceLift: threshold, recentAnswers: answers(0, low.minDecided) }, true, policy);
    expect([rules.reports.warning, rules.acceptance!.warning]).toEqual([false, false]);
  });
});

describe('visibleStanding', () => {
  it("keeps API.md's fields, lists the warnings, and gives the reason only while restricted", () => {
    const tally = { reportsSinceLift: threshold - 1, recentAnswers: answers(0, low.minDecided - 1) };
    const free = visibleStanding(standingOf(standingState(), tally.reportsSinceLift, policy, NOW), tally, 'reports', policy);
    expect(free).toMatchObject({ restricted: false, reports: threshold - 1, restrictionCount: 0, canSelfLift: false, restrictionReason: null });
    expect(free.warnings).toEqual(['reports', 'low_acceptance']);
    const restricted = visibleStanding(standingOf(standingState({ restrictedAt: NOW, restrictionCount: 1 }), 0, policy, NOW), { reportsSinceLift: 0, recentAnswers: [] }, 'low_acceptance', policy);
    expect(restricted).toMatchObject({ restricted: true, canSelfLift: true, restrictionReason: 'low_acceptance', warnings: [] });
  });
});
