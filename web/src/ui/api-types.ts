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
  memberProfileSchema,
  memberSummarySchema,
  ownProfileSchema,
  quotaSchema,
  relationshipSchema,
  settingsSchema,
  standingSchema,
} from '../../../src/http/schemas/members.js';
import type { allotmentRequestSchema } from '../../../src/http/routes/standing.js';

export type MemberSummary = z.infer<typeof memberSummarySchema>;
export type MemberProfile = z.infer<typeof memberProfileSchema>;
export type OwnProfile = z.infer<typeof ownProfileSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type Standing = z.infer<typeof standingSchema>;
export type Relationship = z.infer<typeof relationshipSchema>;
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
