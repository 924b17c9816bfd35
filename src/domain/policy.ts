import { z } from 'zod';

const throttleSchema = z
  .object({
    windowMinutes: z.number().positive().max(24 * 60),
    perAccount: z.number().int().min(1),
    perAddress: z.number().int().min(1),
    perAddressMax: z.number().int().min(1),
  })
  .strict();

/**
 * The deployment's policy: every number a rule uses. Defaults are the contract in API.md;
 * `RAPPORT_POLICY` overrides any key.
 */
export const policySchema = z
  .object({
    noteMaxLength: z.number().int().min(1).max(10_000).default(300),
    lifetimeAllotment: z.number().int().min(0).default(3000),
    monthlyLimit: z.number().int().min(0).default(300),
    premiumMonthlyLimit: z.number().int().min(0).default(1000),
    weeklyLimit: z.number().int().min(0).nullable().default(null),
    captchaAfterPerDay: z.number().int().min(0).default(100),
    eligibility: z.enum(['second_degree_or_email', 'anyone']).default('second_degree_or_email'),
    // Whether sharing a group puts two members within reach for `second_degree_or_email`, as a shared connection does (domain/send-rules.ts).
    eligibilityThroughGroups: z.boolean().default(false),
    reportRestrictThreshold: z.number().int().min(1).default(5),
    restrictionDays: z.number().positive().nullable().default(null),
    lowAcceptance: z
      .object({
        minDecided: z.number().int().min(1),
        minAcceptRate: z.number().min(0).max(1),
      })
      .strict()
      .nullable()
      .default({ minDecided: 20, minAcceptRate: 0.2 }),
    // Standing warns a member this many reports / unaccepted answers before a rule restricts them (domain/standing-rules.ts).
    standingWarnWithin: z
      .object({ reports: z.number().int().min(0), answers: z.number().int().min(0) })
      .strict()
      .default({ reports: 2, answers: 5 }),
    // Whether reports of a member outside an invitation (POST /members/{id}/report) count toward their standing; otherwise admins only see them.
    memberReportsCountTowardStanding: z.boolean().default(false),
    reinviteAfterWithdrawDays: z.number().min(0).default(21),
    reinviteAfterIgnoreDays: z.array(z.number().min(0)).max(10).default([90, 365]),
    reminderDays: z.array(z.number().positive()).max(10).default([7, 14]),
    resendMinDays: z.number().min(0).default(3),
    maxResends: z.number().int().min(0).default(2),
    expiryDays: z.number().positive().nullable().default(180),
    withdrawAfterViewed: z.boolean().default(true),
    grantMaxPerMonth: z.number().int().min(0).default(1000),
    maxConnections: z.number().int().min(1).default(30_000),
    maxContactsPerMember: z.number().int().min(0).default(50_000),
    contactMembersShownPerDay: z.number().int().min(0).default(250),
    introductionsPerMonth: z
      .object({ free: z.number().int().min(0), premium: z.number().int().min(0) })
      .strict()
      .default({ free: 5, premium: 15 }),
    inmailCreditsPerMonth: z
      .object({ free: z.number().int().min(0), premium: z.number().int().min(0) })
      .strict()
      .default({ free: 0, premium: 5 }),
    declineTellsSender: z.boolean().default(true),
    mailPerRecipientPerDay: z.number().int().min(1).default(10),
    webhookRetryHours: z.number().positive().default(24),
    oneClickLinkDays: z.number().positive().default(14),
    joinLinkDays: z.number().positive().default(30),
    unsubscribeLinkDays: z.number().positive().default(365),
    verifyEmailLinkDays: z.number().positive().default(2),
    // How long a "Download your data" archive waits for its one download before it is deleted.
    exportLinkHours: z.number().positive().max(24 * 30).default(48),
    // Closing an account (domain/account-closure.ts): days a closed account may still be reopened by signing in,
    // then its rows are erased; and days the standing of a restricted address that closed comes back on a new sign-up.
    closeGraceDays: z.number().min(0).max(365).default(14),
    closedStandingMemoryDays: z.number().min(0).default(365),
    sessionDays: z.number().positive().default(30),
    bearerTokenDays: z.number().positive().default(90),
    captchaChallengeMinutes: z.number().positive().max(24 * 60).default(10),
    // The proof of work of a captcha: the answer is a number from 0 to this, found by SHA-256 hashing, so
    // solving costs half of it in hashes on average (about a second of one core natively; bench/captcha-cost.ts).
    captchaMaxNumber: z.number().int().min(1000).max(100_000_000).default(2_000_000),
    // Sign-in and sign-up throttling (domain/auth-throttle.ts): attempts per account and per client address per window.
    signInThrottle: throttleSchema.default({ windowMinutes: 15, perAccount: 5, perAddress: 20, perAddressMax: 100 }),
    signUpThrottle: throttleSchema.default({ windowMinutes: 60, perAccount: 5, perAddress: 20, perAddressMax: 100 }),
    // The least zxcvbn score (0–4) a new password needs (domain/password-rule.ts).
    passwordMinScore: z.number().int().min(0).max(4).default(3),
    mailMaxAttempts: z.number().int().min(1).default(8),
    mailRetryBaseSeconds: z.number().positive().default(30),
    mailRetryMaxHours: z.number().positive().default(6),
    reportWindowDays: z.number().positive().default(30),
    // The upper bounds match what the HTTP bodies accept, so a configured cap is never cut short there.
    replyMaxLength: z.number().int().min(1).max(10_000).default(2000),
    messageMaxLength: z.number().int().min(1).max(20_000).default(5000),
    introductionNoteMaxLength: z.number().int().min(1).max(5000).default(1000),
    suggestionWeights: z
      .object({
        mutualConnection: z.number().min(0),
        sharedCompany: z.number().min(0),
        sharedSchool: z.number().min(0),
        sharedGroup: z.number().min(0),
        importedContact: z.number().min(0),
      })
      .strict()
      .default({ mutualConnection: 1, sharedCompany: 4, sharedSchool: 3, sharedGroup: 1, importedContact: 10 }),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;

export const defaultPolicy: Policy = policySchema.parse({});

export class PolicyError extends Error {}

/** Parses `RAPPORT_POLICY`; a bad key or value throws a message that names it. */
export function parsePolicy(json: string | undefined): Policy {
  if (json === undefined || json.trim() === '') return defaultPolicy;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new PolicyError(`RAPPORT_POLICY is not valid JSON: ${(error as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PolicyError('RAPPORT_POLICY must be a JSON object of policy keys');
  }
  const result = policySchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      const key = issue.path.join('.') || '(root)';
      return `"${key}": ${issue.message}`;
    });
    throw new PolicyError(`RAPPORT_POLICY is invalid: ${problems.join('; ')}`);
  }
  return result.data;
}
