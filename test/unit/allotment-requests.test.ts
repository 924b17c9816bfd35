import { describe, expect, it } from 'vitest';
import { decideAllotmentRequest, isFlaggedForSpam } from '../../src/domain/allotment-requests.js';
import { defaultPolicy } from '../../src/domain/policy.js';
import { decideGrant } from '../../src/domain/standing.js';

const policy = defaultPolicy;
const threshold = policy.reportRestrictThreshold;

describe('decideAllotmentRequest: a member flagged as a spammer may not ask for more invitations', () => {
  it.each([
    ['a member in good standing may ask', { restricted: false, reportsInWindow: 0 }, { ok: true }],
    ['reports below the threshold in the window: may ask', { restricted: false, reportsInWindow: threshold - 1 }, { ok: true }],
    ['reported the threshold in the window: flagged', { restricted: false, reportsInWindow: threshold }, { ok: false, code: 'member_flagged' }],
    ['restricted now: flagged', { restricted: true, reportsInWindow: 0 }, { ok: false, code: 'member_flagged' }],
  ] as const)('%s', (_name, facts, expected) => {
    expect(decideAllotmentRequest(facts, policy)).toEqual(expected);
  });

  it('flags exactly the members a grant refuses as member_flagged', () => {
    for (const restricted of [false, true]) {
      for (const reportsInWindow of [0, threshold - 1, threshold, threshold + 3]) {
        const grant = decideGrant({ restricted, reportsInWindow, grantedThisMonth: 0, count: 1 }, policy);
        expect(isFlaggedForSpam({ restricted, reportsInWindow }, policy)).toBe(!grant.ok && grant.code === 'member_flagged');
      }
    }
  });
});
