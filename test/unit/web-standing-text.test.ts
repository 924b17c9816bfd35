// The standing page's sentences: each carries the numbers of the rule it describes.
import { describe, expect, it } from 'vitest';
import type { Standing } from '../../web/src/ui/api-types.js';
import { acceptanceSummary, acceptanceWarning, reportsWarning, restrictionReasonSentence } from '../../web/src/features/standing/components/standing-text.js';

const acceptance = { decided: 4, accepted: 1, rate: 0.25, minDecided: 6, minAcceptRate: 0.5, left: 1, warning: true };
const reports = { count: 4, threshold: 5, left: 1, warning: true };
const standing = (overrides: Partial<Standing>): Standing => ({
  restricted: true,
  reports: 4,
  restrictionCount: 1,
  canSelfLift: true,
  threshold: 5,
  restrictedAt: '2026-12-01T00:00:00.000Z',
  restrictionEndsAt: null,
  restrictionReason: 'reports',
  rules: { reports, acceptance },
  warnings: [],
  ...overrides,
});

describe('standing text', () => {
  it('says how many reports or answers are left, in the singular when one', () => {
    expect(reportsWarning(reports)).toBe('Recipients have reported 4 of your invitations as unwanted. One more report and your account is restricted (the limit is 5).');
    expect(reportsWarning({ ...reports, count: 3, left: 2 })).toContain('2 more reports and your account is restricted');
    expect(acceptanceWarning(acceptance)).toBe(
      '1 of your last 4 answered invitations accepted (25%). If one more invitation goes unaccepted, your account is restricted (at least 50% of your last 6 answered invitations must be accepted).',
    );
    expect(acceptanceWarning({ ...acceptance, left: 3 })).toContain('If 3 more invitations go unaccepted');
  });

  it('says when nothing has been answered yet', () => {
    expect(acceptanceSummary({ ...acceptance, decided: 0, accepted: 0, rate: null })).toBe('None of your invitations has been answered yet.');
  });

  it('gives the real reason of a restriction', () => {
    expect(restrictionReasonSentence(standing({ restrictionReason: 'reports', rules: { reports: { ...reports, count: 5, left: 0 }, acceptance } }))).toBe(
      'Recipients reported 5 of your invitations as unwanted; the limit is 5.',
    );
    expect(restrictionReasonSentence(standing({ restrictionReason: 'low_acceptance', rules: { reports, acceptance: { ...acceptance, decided: 6, rate: 1 / 6 } } }))).toBe(
      'Too few of your invitations were accepted: 1 of your last 6 answered invitations accepted (17%), below the 50% needed over your last 6 answered invitations.',
    );
  });
});
