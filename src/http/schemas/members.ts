import { z } from 'zod';
import { idSchema, isoDate, singleLine } from './common.js';

export const memberSummarySchema = z.object({
  id: idSchema,
  kind: z.enum(['person', 'company']),
  name: z.string(),
  headline: z.string(),
  location: z.string(),
  initials: z.string(),
  photoUrl: z.string().nullable().describe('the profile photo, 400×400 WebP (add `?size=96` for 96×96); null without one'),
});
export type MemberSummary = z.infer<typeof memberSummarySchema>;

export const positionSchema = z.object({
  id: idSchema,
  company: z.string(),
  title: z.string(),
  startYear: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
});
export const educationSchema = z.object({
  id: idSchema,
  school: z.string(),
  degree: z.string(),
  startYear: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
});
export const groupSchema = z.object({ id: idSchema, name: z.string() });

export const memberProfileSchema = memberSummarySchema.extend({
  positions: z.array(positionSchema),
  education: z.array(educationSchema),
  groups: z.array(groupSchema),
  skills: z.array(z.string()),
  managerId: idSchema.nullable(),
  createdAt: isoDate,
});
export type MemberProfile = z.infer<typeof memberProfileSchema>;

export const ownProfileSchema = memberProfileSchema.extend({
  email: z.string(),
  emailVerified: z.boolean(),
  role: z.enum(['member', 'admin']),
  tier: z.enum(['free', 'premium']),
});

const mailCategories = z.object({ invitations: z.boolean(), reminders: z.boolean(), updates: z.boolean(), standing: z.boolean() });

export const settingsSchema = z.object({
  invitationsFrom: z.enum(['everyone', 'email_or_contacts', 'contacts_only']),
  autoWithdrawAfterDays: z.number().int().nullable(),
  emailNotifications: z.boolean(),
  emailCategories: mailCategories,
  digest: z.enum(['off', 'weekly']),
});

export const quotaSchema = z.object({
  lifetimeAllotment: z.number().int(),
  lifetimeUsed: z.number().int(),
  monthlyLimit: z.number().int(),
  monthlyUsed: z.number().int(),
  weeklyLimit: z.number().int().nullable(),
  weeklyUsed: z.number().int(),
  sentLast24h: z.number().int(),
  captchaAfter: z.number().int(),
  monthlyResetsAt: isoDate,
});

const restrictionReasonSchema = z.enum(['reports', 'low_acceptance']);

/** What standing adds to API.md's fields: every rule that can restrict, with its numbers and warning (domain/standing-rules.ts). */
const standingRulesFields = {
  restrictionReason: restrictionReasonSchema.nullable().describe('why the current restriction began; null when not restricted'),
  rules: z.object({
    reports: z.object({
      count: z.number().int(),
      threshold: z.number().int(),
      left: z.number().int().describe('more reports that would restrict'),
      warning: z.boolean(),
    }),
    acceptance: z
      .object({
        decided: z.number().int().describe('recent answered invitations counted (at most minDecided)'),
        accepted: z.number().int(),
        rate: z.number().nullable(),
        minDecided: z.number().int(),
        minAcceptRate: z.number(),
        left: z.number().int().nullable().describe('more answers without an accept that would restrict; null: none could'),
        warning: z.boolean(),
      })
      .nullable()
      .describe('null when the policy turns lowAcceptance off'),
  }),
  warnings: z.array(restrictionReasonSchema).describe('rules within standingWarnWithin of restricting; empty while restricted'),
};

export const standingSchema = z.object({
  restricted: z.boolean(),
  reports: z.number().int(),
  restrictionCount: z.number().int(),
  canSelfLift: z.boolean(),
  threshold: z.number().int(),
  restrictedAt: isoDate.nullable(),
  restrictionEndsAt: isoDate.nullable(),
  ...standingRulesFields,
});

export const relationshipSchema = z.object({
  degree: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  mutualConnections: z.number().int(),
  invitation: z
    .object({ id: idSchema, direction: z.enum(['sent', 'received']), status: z.string() })
    .nullable(),
  canInvite: z.object({ allowed: z.boolean(), code: z.string().optional(), requiresEmail: z.boolean() }),
  following: z.boolean(),
  canFollow: z.boolean().describe('anyone but yourself may be followed, even where connecting is closed'),
  primaryAction: z
    .enum(['connect', 'follow'])
    .nullable()
    .describe('the button to show first: follow when the member asked for it or connecting is closed for good (a company, the connection limit); null on your own profile or a connection\'s'),
});

const sharedPlaceSchema = z.object({
  name: z.string(),
  overlap: z
    .object({ from: z.number().int(), to: z.number().int().nullable() })
    .nullable()
    .describe('the longest stretch of years both were there (to null: to this day); null when the years do not overlap or are unknown'),
  apart: z.boolean().describe('true when both gave their years there and they never overlapped (different times); false when they overlapped or a year is missing'),
});

export const inCommonSchema = z.object({
  mutualConnections: z.number().int(),
  companies: z.array(sharedPlaceSchema),
  schools: z.array(sharedPlaceSchema),
  groups: z.array(z.object({ id: idSchema, name: z.string() })),
  skills: z.array(z.string()),
});

const password = z.string().min(8, 'must be at least 8 characters').max(256, 'must be at most 256 characters');
const email = z.email('is not an email address').max(254);
const sessionMode = z
  .enum(['token', 'cookie'])
  .optional()
  .describe('"cookie" starts a web session (HttpOnly cookie + CSRF token) instead of returning a bearer token');

export const signUpBody = z.strictObject({
  email,
  password,
  name: singleLine(100).pipe(z.string().min(1, 'is required')),
  headline: singleLine(220).optional(),
  kind: z.enum(['person', 'company']).optional(),
  session: sessionMode,
  joinToken: z.string().max(2000).optional().describe('from the link of a "join and connect" mail: proves the address, so invitations sent to it become yours'),
  captcha: z.string().max(4000).optional().describe('the solved ALTCHA payload, when a sign-up answered 429 rate_limited with a challenge'),
});

export const logInBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(256),
  session: sessionMode,
  captcha: z.string().max(4000).optional().describe('the solved ALTCHA payload, when a sign-in answered 429 rate_limited with a challenge'),
});

export const authAnswerSchema = z.object({
  member: ownProfileSchema,
  token: z.string().nullable(),
  csrfToken: z.string().optional(),
  /** Present (true) when this sign-in reopened an account that was closing. */
  reopened: z.literal(true).optional(),
});

export const updateMeBody = z.strictObject({
  name: singleLine(100).pipe(z.string().min(1, 'is required')).optional(),
  headline: singleLine(220).optional(),
  location: singleLine(100).optional(),
  managerId: idSchema.nullable().optional(),
});

export const updateSettingsBody = z.strictObject({
  invitationsFrom: z.enum(['everyone', 'email_or_contacts', 'contacts_only']).optional(),
  autoWithdrawAfterDays: z.number().int().min(1).max(365).nullable().optional(),
  emailNotifications: z.boolean().optional(),
  emailCategories: mailCategories.partial().strict().optional(),
  digest: z.enum(['off', 'weekly']).optional(),
});

const year = z.number().int().min(1900).max(2100);
export const positionBody = z.strictObject({
  company: singleLine(120).pipe(z.string().min(1, 'is required')),
  title: singleLine(120).pipe(z.string().min(1, 'is required')),
  startYear: year.nullable().optional(),
  endYear: year.nullable().optional(),
});
export const educationBody = z.strictObject({
  school: singleLine(160).pipe(z.string().min(1, 'is required')),
  degree: singleLine(120).optional(),
  startYear: year.nullable().optional(),
  endYear: year.nullable().optional(),
});
export const skillsBody = z.strictObject({ skills: z.array(singleLine(60).pipe(z.string().min(1))).max(100) });
export const groupBody = z.strictObject({ name: singleLine(120).pipe(z.string().min(1, 'is required')) });

export const searchQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
