import { z } from 'zod';
import { idSchema, isoDate } from './common.js';
import { memberSummarySchema } from './members.js';

export const howWeMetSchema = z.enum(['colleague', 'classmate', 'business', 'friend', 'other']);
export const invitationStatusSchema = z.enum(['pending', 'accepted', 'ignored', 'declined', 'reported', 'withdrawn', 'expired']);

export const invitationSchema = z.object({
  id: idSchema,
  sender: memberSummarySchema,
  recipient: memberSummarySchema.nullable().describe('null while the invitation waits for someone who is not a member yet'),
  recipientEmail: z.string().nullable().describe('the address the sender gave, shown to the sender only'),
  note: z.string().nullable(),
  message: z.string().describe('the note, or the default message when there is none'),
  howWeMet: howWeMetSchema.nullable(),
  status: invitationStatusSchema,
  createdAt: isoDate,
  viewedAt: isoDate.nullable(),
  respondedAt: isoDate.nullable(),
});
export type InvitationDto = z.infer<typeof invitationSchema>;

const degreeSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable();

export const receivedInvitationSchema = invitationSchema.extend({
  degree: degreeSchema.describe("the sender's degree to you: 2 or 3 for most invitations, null when farther"),
  mutualConnections: z.number().int(),
  topMutualConnection: memberSummarySchema.nullable().describe('the best-connected person you both know, for "Ann and 3 others you know"'),
});
export const sentInvitationSchema = invitationSchema.extend({
  degree: degreeSchema.describe("the recipient's degree to you (1 once accepted); null for an address with no member yet, or farther than 3rd"),
  actions: z.array(z.enum(['withdraw', 'resend'])),
  resendAvailableAt: isoDate.nullable(),
  resendsLeft: z.number().int(),
  remindersSent: z.number().int().describe('reminders the sender has sent (resends), out of the policy\'s `maxResends`'),
  reinviteAfter: isoDate.nullable().describe('once withdrawn: when you may invite the same person again (`reinviteAfterWithdrawDays` after the withdrawal); null otherwise'),
});

export const sendInvitationBody = z.strictObject({
  recipientId: idSchema.optional(),
  email: z.email('is not an email address').max(254).optional(),
  note: z.string().max(5000).optional().describe('personal note; up to `noteMaxLength` characters as a reader counts them'),
  howWeMet: howWeMetSchema.optional(),
  captcha: z.string().max(4000).optional().describe('the solved ALTCHA payload, when a send answered 428 captcha_required'),
});

export const receivedQuery = z.strictObject({
  status: z.enum(['pending', 'accepted', 'ignored', 'declined', 'reported', 'expired']).default('pending'),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const sentQuery = z.strictObject({
  status: z.enum(['pending', 'accepted', 'declined', 'withdrawn', 'expired']).optional(),
  q: z.string().trim().max(100).optional().describe("text the recipient's name, or the address you invited, contains (any case)"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const reportBody = z.strictObject({ reason: z.enum(['dont_know', 'spam']) });
export const replyBody = z.strictObject({ message: z.string().max(10_000) });
export const messageSchema = z.object({ id: idSchema, invitationId: idSchema, authorId: idSchema, body: z.string(), createdAt: isoDate });

export const bulkAnswerBody = z.strictObject({
  action: z.enum(['accept', 'ignore']),
  ids: z.array(idSchema).min(1).max(100),
});
export const withdrawOlderBody = z.strictObject({ olderThanDays: z.number().int().min(1).max(3650) });
