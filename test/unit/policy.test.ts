import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, parsePolicy, PolicyError, type Policy } from '../../src/domain/policy.js';

/** The "Policy defaults" table of API.md, copied literally: this is the contract. */
const apiMdDefaults: { [K in keyof Policy]?: Policy[K] } = {
  noteMaxLength: 300,
  lifetimeAllotment: 3000,
  monthlyLimit: 300,
  premiumMonthlyLimit: 1000,
  weeklyLimit: null,
  captchaAfterPerDay: 100,
  eligibility: 'second_degree_or_email',
  reportRestrictThreshold: 5,
  restrictionDays: null,
  lowAcceptance: { minDecided: 20, minAcceptRate: 0.2 },
  reinviteAfterWithdrawDays: 21,
  reinviteAfterIgnoreDays: [90, 365],
  reminderDays: [7, 14],
  resendMinDays: 3,
  maxResends: 2,
  expiryDays: 180,
  withdrawAfterViewed: true,
  grantMaxPerMonth: 1000,
  maxConnections: 30000,
  introductionsPerMonth: { free: 5, premium: 15 },
  inmailCreditsPerMonth: { free: 0, premium: 5 },
};

/** Keys beyond API.md's table (docs/policy.md lists them): their defaults are the numbers the rules used before they were policy. */
const addedDefaults: { [K in keyof Policy]?: Policy[K] } = {
  joinLinkDays: 30,
  unsubscribeLinkDays: 365,
  verifyEmailLinkDays: 2,
  sessionDays: 30,
  bearerTokenDays: 90,
  captchaChallengeMinutes: 10,
  mailMaxAttempts: 8,
  mailRetryBaseSeconds: 30,
  mailRetryMaxHours: 6,
  reportWindowDays: 30,
  replyMaxLength: 2000,
  messageMaxLength: 5000,
  introductionNoteMaxLength: 1000,
};

function policyError(json: string): PolicyError {
  try {
    parsePolicy(json);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error(`parsePolicy accepted ${json}`);
}

describe('policy defaults', () => {
  it.each(Object.entries(apiMdDefaults))('the default of %s is the one API.md documents', (key, expected) => {
    expect(defaultPolicy[key as keyof Policy]).toEqual(expected);
  });

  it.each(Object.entries(addedDefaults))('the default of %s is the number the rule used before it was policy', (key, expected) => {
    expect(defaultPolicy[key as keyof Policy]).toEqual(expected);
  });

  it('docs/policy.md lists every policy key', () => {
    const table = readFileSync(new URL('../../docs/policy.md', import.meta.url), 'utf8');
    for (const key of Object.keys(defaultPolicy)) expect(table, `docs/policy.md lists ${key}`).toContain(`\`${key}\``);
  });

  it.each([
    ['an unset RAPPORT_POLICY', undefined],
    ['an empty RAPPORT_POLICY', ''],
    ['a blank RAPPORT_POLICY', '  \n '],
    ['an empty JSON object', '{}'],
  ])('%s gives the defaults', (_label, json) => {
    expect(parsePolicy(json)).toEqual(defaultPolicy);
  });

  // API.md lives outside the repository in this workspace; when it is there, read the table itself.
  const apiMdPath = process.env.RAPPORT_API_MD ?? '/work/shared/API.md';
  it.skipIf(!existsSync(apiMdPath))('every key in API.md\'s "Policy defaults" table has that default', () => {
    const text = readFileSync(apiMdPath, 'utf8');
    const section = text.split('## Policy defaults')[1] ?? '';
    const rows = [...section.matchAll(/^\| `(\w+)` \| (.+?) \|/gm)];
    expect(rows.length).toBeGreaterThan(0);
    for (const [, key, cell] of rows) {
      const value: unknown = JSON.parse(cell!.trim().replace(/^`|`$/g, ''));
      expect(defaultPolicy, `policy key ${key}`).toHaveProperty([key!], value);
    }
  });
});

describe('parsePolicy', () => {
  it('a key set in RAPPORT_POLICY overrides its default and leaves the others alone', () => {
    const policy = parsePolicy(JSON.stringify({ monthlyLimit: defaultPolicy.monthlyLimit + 1 }));
    expect(policy).toEqual({ ...defaultPolicy, monthlyLimit: defaultPolicy.monthlyLimit + 1 });
  });

  it.each([
    ['weeklyLimit', 7],
    ['restrictionDays', 30],
    ['expiryDays', null],
    ['lowAcceptance', null],
    ['lowAcceptance', { minDecided: 1, minAcceptRate: 1 }],
    ['eligibility', 'anyone'],
    ['reinviteAfterIgnoreDays', []],
    ['withdrawAfterViewed', false],
  ] as const)('%s may be set to %j', (key, value) => {
    expect(parsePolicy(JSON.stringify({ [key]: value }))[key]).toEqual(value);
  });

  it.each(['{', '{"monthlyLimit": }', "{'monthlyLimit': 1}", 'monthlyLimit=1'])(
    'RAPPORT_POLICY that is not JSON (%s) is refused as not valid JSON',
    (json) => {
      expect(policyError(json).message).toMatch(/not valid JSON/);
    },
  );

  it.each(['null', '[]', '42', '"monthlyLimit"', 'true'])('RAPPORT_POLICY that is not a JSON object (%s) is refused', (json) => {
    expect(policyError(json).message).toMatch(/must be a JSON object/);
  });

  it.each([
    ['a misspelt key', { monthlyLimt: 10 }, 'monthlyLimt'],
    ['a key that does not exist', { dailyLimit: 10 }, 'dailyLimit'],
    ['an unknown key inside lowAcceptance', { lowAcceptance: { minDecided: 1, minAcceptRate: 0.5, window: 3 } }, 'window'],
  ])('an unknown key is refused and named in the message (%s)', (_label, raw, key) => {
    const message = policyError(JSON.stringify(raw)).message;
    expect(message).toContain('unknown key');
    expect(message).toContain(`"${key}"`);
  });

  it.each([
    ['a number given as a string', { monthlyLimit: '300' }, 'monthlyLimit'],
    ['a fractional count', { lifetimeAllotment: 1.5 }, 'lifetimeAllotment'],
    ['a negative limit', { captchaAfterPerDay: -1 }, 'captchaAfterPerDay'],
    ['a zero-length note limit', { noteMaxLength: 0 }, 'noteMaxLength'],
    ['an eligibility that does not exist', { eligibility: 'everyone' }, 'eligibility'],
    ['a zero report threshold', { reportRestrictThreshold: 0 }, 'reportRestrictThreshold'],
    ['a non-positive restriction length', { restrictionDays: 0 }, 'restrictionDays'],
    ['an acceptance rate above 1', { lowAcceptance: { minDecided: 20, minAcceptRate: 2 } }, 'lowAcceptance.minAcceptRate'],
    ['a negative wait in the ignore list', { reinviteAfterIgnoreDays: [90, -1] }, 'reinviteAfterIgnoreDays.1'],
    ['a boolean given as a string', { withdrawAfterViewed: 'yes' }, 'withdrawAfterViewed'],
    ['a null where null is not allowed', { monthlyLimit: null }, 'monthlyLimit'],
    ['a zero join-link lifetime', { joinLinkDays: 0 }, 'joinLinkDays'],
    ['a negative unsubscribe-link lifetime', { unsubscribeLinkDays: -1 }, 'unsubscribeLinkDays'],
    ['a zero verification-link lifetime', { verifyEmailLinkDays: 0 }, 'verifyEmailLinkDays'],
    ['a zero session lifetime', { sessionDays: 0 }, 'sessionDays'],
    ['a bearer-token lifetime given as a string', { bearerTokenDays: '90' }, 'bearerTokenDays'],
    ['a captcha challenge that never lasts', { captchaChallengeMinutes: 0 }, 'captchaChallengeMinutes'],
    ['a captcha challenge longer than a day', { captchaChallengeMinutes: 24 * 60 + 1 }, 'captchaChallengeMinutes'],
    ['no mail attempt at all', { mailMaxAttempts: 0 }, 'mailMaxAttempts'],
    ['a fractional attempt count', { mailMaxAttempts: 2.5 }, 'mailMaxAttempts'],
    ['a zero retry wait', { mailRetryBaseSeconds: 0 }, 'mailRetryBaseSeconds'],
    ['a negative retry cap', { mailRetryMaxHours: -6 }, 'mailRetryMaxHours'],
    ['a zero report window', { reportWindowDays: 0 }, 'reportWindowDays'],
    ['a zero reply length', { replyMaxLength: 0 }, 'replyMaxLength'],
    ['a message cap above what the API accepts', { messageMaxLength: 20_001 }, 'messageMaxLength'],
    ['a fractional introduction-note length', { introductionNoteMaxLength: 10.5 }, 'introductionNoteMaxLength'],
  ])('a bad value is refused and its key named in the message (%s)', (_label, raw, key) => {
    expect(policyError(JSON.stringify(raw)).message).toContain(`"${key}"`);
  });

  it('every bad key and value is named, not only the first', () => {
    const message = policyError(JSON.stringify({ monthlyLimit: -1, bogus: true, maxResends: 'two' })).message;
    expect(message).toContain('"monthlyLimit"');
    expect(message).toContain('"bogus"');
    expect(message).toContain('"maxResends"');
  });
});
