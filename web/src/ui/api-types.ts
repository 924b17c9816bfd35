// Types shared with the API: inferred from the server's own zod schemas, imported as types only,
// so the web app and the API cannot drift apart and no server code reaches the browser bundle.
import type { z } from 'zod';
import type {
  invitationSchema,
  messageSchema,
  receivedInvitationSchema,
  sentInvitationSchema,
  howWeMetSchema,
} from '../../../src/http/schemas/invitations.js';
import type {
  inCommonSchema,
  memberProfileSchema,
  memberSummarySchema,
  ownProfileSchema,
  quotaSchema,
  relationshipSchema,
  settingsSchema,
  standingSchema,
} from '../../../src/http/schemas/members.js';
import type { allotmentRequestSchema } from '../../../src/http/routes/standing.js';
import type { contactSchema, importReportSchema, inviteResultSchema } from '../../../src/http/routes/contacts.js';
import type { relationshipSchema as followRelationshipSchema } from '../../../src/http/routes/follows.js';
import type { introductionSchema } from '../../../src/http/routes/introductions.js';
import type { linkSchema } from '../../../src/http/routes/invite-links.js';
import type { messageSchema as directMessageSchema } from '../../../src/http/routes/messages.js';
import type { allowancesSchema } from '../../../src/http/routes/me.js';

export type MemberSummary = z.infer<typeof memberSummarySchema>;
export type MemberProfile = z.infer<typeof memberProfileSchema>;
export type OwnProfile = z.infer<typeof ownProfileSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type Standing = z.infer<typeof standingSchema>;
export type Relationship = z.infer<typeof relationshipSchema>;
export type InCommon = z.infer<typeof inCommonSchema>;
export type Invitation = z.infer<typeof invitationSchema>;
export type ReceivedInvitation = z.infer<typeof receivedInvitationSchema>;
export type SentInvitation = z.infer<typeof sentInvitationSchema>;
export type InvitationMessage = z.infer<typeof messageSchema>;
export type HowWeMet = z.infer<typeof howWeMetSchema>;
export type AllotmentRequest = z.infer<typeof allotmentRequestSchema>;

export interface Account {
  member: OwnProfile;
  settings: Settings;
  quota: Quota;
  standing: Standing;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An RFC 9457 problem document as the API sends it; extra members depend on `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  [extra: string]: unknown;
}

// The routes below declare their answer schemas inside the route files without exporting them,
// so their shapes are written out here from src/http/routes/{notifications,webhooks,graph}.ts.

/** A person as a notification payload carries them: no id, so no link to their profile. */
export interface NotificationPerson {
  name: string;
  initials: string;
  headline: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
  /** With `invitation_received`: where the invitation stands now, and the answers to offer on the notification (`null` once withdrawn). */
  invitation?: NotifiedInvitation | null;
  /** Who it is from, for their photo or initials; `null` when from nobody in particular. */
  actor?: MemberSummary | null;
}

export interface NotifiedInvitation {
  id: string;
  status: 'pending' | 'accepted' | 'ignored' | 'declined' | 'reported' | 'expired';
  actions: ('accept' | 'ignore')[];
}

export interface NotificationPage extends Page<AppNotification> {
  unreadCount: number;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
}

export interface WebhookDelivery {
  id: string;
  topic: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface Suggestion {
  member: MemberSummary;
  mutualConnections: number;
  degree?: number;
  reasons: string[];
}

/** GET /policy: the rules in force, for any signed-in member. */
export interface PublicPolicy {
  policy: Record<string, unknown>;
  defaultInvitationMessage: string;
  /** The server serves its dev mailbox at /dev/mail. */
  devMailbox?: boolean;
}

// Growing a network (issue 7): contacts, the invite-me link, introductions, messages and follows.
export type Contact = z.infer<typeof contactSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
export type ContactInviteResult = z.infer<typeof inviteResultSchema>;
export type InviteLink = z.infer<typeof linkSchema>;
export type Introduction = z.infer<typeof introductionSchema>;
export type DirectMessage = z.infer<typeof directMessageSchema>;
export type FollowRelationship = z.infer<typeof followRelationshipSchema>;
/** GET /me/allowances: introductions and InMail this calendar month (UTC), each with what is left and when it renews. */
export type Allowances = z.infer<typeof allowancesSchema>;
export type MonthlyAllowance = Allowances['introductions'];

/** GET /invite-links/{token}: whose link it is; `you` only for a signed-in visitor. */
export interface InviteLinkPreview {
  owner: MemberSummary;
  autoAccept: boolean;
  you: { isOwner: boolean; connected: boolean; invitationPending: boolean } | null;
}

export interface Conversation {
  member: MemberSummary;
  lastMessage: DirectMessage;
  unread: number;
}

/** GET /follows and GET /followers items (the route declares them inline). */
export interface FollowListItem {
  member: MemberSummary;
  since: string;
  connected: boolean;
  followsYou?: boolean;
  youFollow?: boolean;
}

export interface FollowPage extends Page<FollowListItem> {
  total: number;
}
