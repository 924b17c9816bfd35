import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { IntroductionStatus } from '../domain/introductions.js';
import type { HowWeMet, InvitationStatus, ReportReason } from '../domain/invitation.js';
import type { MemberReportReason, MemberReportSource } from '../domain/member-report.js';
import type { InvitationsFrom, MemberKind, MemberRole, MemberTier } from '../domain/member.js';
import type { MessageKind } from '../domain/messaging.js';

/** Kysely's view of the tables in `migrations/`. Ids are bigint columns read as JS numbers. */
type Id = Generated<number>;
type Timestamp = ColumnType<Date, Date, Date>;

// The domain owns these values; they are re-exported for the code that reads them with the rows.
export type { HowWeMet, InvitationsFrom, InvitationStatus, MemberKind, MemberRole, MemberTier, ReportReason };

export interface MembersTable {
  id: Id;
  kind: MemberKind;
  email: string;
  email_normalized: string;
  password_hash: string;
  name: string;
  headline: Generated<string>;
  location: Generated<string>;
  manager_id: number | null;
  role: Generated<MemberRole>;
  tier: Generated<MemberTier>;
  search_text: Generated<string>;
  created_at: Timestamp;
  restricted_at: Timestamp | null;
  restriction_ends_at: Timestamp | null;
  restriction_count: Generated<number>;
  last_lift_at: Timestamp | null;
  connection_count: Generated<number>;
  email_verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The current profile photo's key (`member_photos.key`), or null. */
  photo_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set while the account is closed and waiting out `closeGraceDays` (migration 0019): hidden everywhere. */
  closing_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When a closing account's rows are erased. */
  erase_after: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The standing of a restricted account that closed, by `closedStandingHash` of its address (migration 0019). */
export interface ClosedStandingsTable {
  email_hash: string;
  restriction_count: number;
  restricted: boolean;
  remember_until: Timestamp;
}

export interface MemberSettingsTable {
  member_id: number;
  invitations_from: Generated<InvitationsFrom>;
  auto_withdraw_after_days: number | null;
  email_notifications: Generated<boolean>;
  /** Categories switched off, e.g. `{"reminders": false}`; a missing key means on. */
  email_categories: ColumnType<Record<string, boolean>, string | undefined, string>;
  digest: Generated<'off' | 'weekly'>;
}

export interface PositionsTable {
  id: Id;
  member_id: number;
  company: string;
  title: string;
  start_year: number | null;
  end_year: number | null;
}

export interface EducationTable {
  id: Id;
  member_id: number;
  school: string;
  degree: Generated<string>;
  start_year: number | null;
  end_year: number | null;
}

export interface GroupsTable {
  id: Id;
  name: string;
}

export interface GroupMembershipsTable {
  group_id: number;
  member_id: number;
}

/** A member's profile photo, re-encoded: `large` and `small` are the served images. */
export interface MemberPhotosTable {
  key: string;
  member_id: number;
  large: Uint8Array;
  small: Uint8Array;
  created_at: Timestamp;
}

export interface MemberSkillsTable {
  member_id: number;
  skill: string;
}

export interface AuthTokensTable {
  token_hash: string;
  member_id: number;
  kind: 'bearer' | 'session';
  csrf_token: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  state: 'running' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Id;
  sender_id: number;
  recipient_id: number | null;
  recipient_email: string | null;
  recipient_email_normalized: string | null;
  note: string | null;
  how_we_met: HowWeMet | null;
  status: InvitationStatus;
  source: Generated<string>;
  created_at: Timestamp;
  viewed_at: Timestamp | null;
  responded_at: Timestamp | null;
  /** Set when the recipient ignored it; kept when the sender later withdraws, for the re-invite rule. */
  ignored_at: Timestamp | null;
  last_sent_at: Timestamp;
  resend_count: Generated<number>;
  reminders_sent: Generated<number>;
  report_reason: ReportReason | null;
  sender_hidden: Generated<boolean>;
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when the rules dropped an invitation by address: it reaches nobody (migration 0009). */
  dropped_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Set when the service ended it because one of the two closed their account (migration 0019): no re-invite rule counts it. */
  ended_by_closure: Generated<boolean>;
}

export interface InvitationMessagesTable {
  id: Id;
  invitation_id: number;
  author_id: number;
  body: string;
  created_at: Timestamp;
}

export interface ConnectionsTable {
  member_id: number;
  other_id: number;
  created_at: Timestamp;
}

/** A report of a member outside an invitation (migration 0014). */
export interface MemberReportsTable {
  id: Id;
  reporter_id: number;
  member_id: number;
  reason: MemberReportReason;
  source: MemberReportSource;
  created_at: Timestamp;
}

export interface ReportsTable {
  id: Id;
  invitation_id: number;
  reporter_id: number;
  sender_id: number;
  reason: ReportReason;
  created_at: Timestamp;
}

export interface BlocksTable {
  blocker_id: number;
  blocked_id: number;
  created_at: Timestamp;
}

export interface ContactsTable {
  id: Id;
  owner_id: number;
  email: string;
  email_hash: string;
  name: Generated<string>;
  created_at: Timestamp;
  /** When its member match was first shown to the owner (null: not yet, or no member behind it). */
  member_shown_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface StandingEventsTable {
  id: Id;
  member_id: number;
  kind: 'restricted' | 'lifted';
  reason: string;
  actor_id: number | null;
  created_at: Timestamp;
}

export interface AllotmentRequestsTable {
  id: Id;
  member_id: number;
  reason: string;
  status: Generated<'pending' | 'granted' | 'denied'>;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: number | null;
  /** Invitations the grant added; null while pending, when denied, or granted before it was recorded. */
  granted_count: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AllotmentGrantsTable {
  id: Id;
  member_id: number;
  count: number;
  granted_by: number | null;
  created_at: Timestamp;
}

export interface CaptchaSpentTable {
  signature: string;
  spent_at: Timestamp;
}

export interface OutboxTable {
  id: Id;
  topic: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  available_at: Timestamp;
  attempts: Generated<number>;
  locked_until: Timestamp | null;
  processed_at: Timestamp | null;
  last_error: string | null;
}

export interface ServiceSettingsTable {
  key: string;
  value: string;
}

export type MailStatus = 'pending' | 'sent' | 'digest' | 'digested' | 'suppressed' | 'failed';

export interface MailMessagesTable {
  id: Id;
  to_member_id: number | null;
  to_email: string;
  category: string;
  template: string;
  subject: string;
  html: string;
  text_body: string;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  message_id: string;
  dedupe_key: string | null;
  status: Generated<MailStatus>;
  attempts: Generated<number>;
  available_at: Timestamp;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  last_error: string | null;
}

export interface NotificationsTable {
  id: Id;
  member_id: number;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  source_event_id: number | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface UsedLinkTokensTable {
  token_id: string;
  used_at: Timestamp;
}

/** An address that opted out of mail from Rapport, by keyed hash (`suppressionHash`). */
export interface MailSuppressionsTable {
  email_hash: string;
  created_at: Timestamp;
}

export interface WebhookEndpointsTable {
  id: Id;
  url: string;
  secret: string;
  events: string[];
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Id;
  endpoint_id: number;
  event_id: number;
  topic: string;
  body: string;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface IntroductionsTable {
  id: Id;
  requester_id: number;
  introducer_id: number;
  target_id: number;
  message_to_introducer: string;
  message_to_target: string;
  introducer_note: string | null;
  status: Generated<IntroductionStatus>;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface MessagesTable {
  id: Id;
  sender_id: number;
  recipient_id: number;
  kind: MessageKind;
  body: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface DB {
  introductions: IntroductionsTable;
  messages: MessagesTable;
  mail_messages: MailMessagesTable;
  notifications: NotificationsTable;
  used_link_tokens: UsedLinkTokensTable;
  mail_suppressions: MailSuppressionsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  service_settings: ServiceSettingsTable;
  members: MembersTable;
  member_settings: MemberSettingsTable;
  positions: PositionsTable;
  education: EducationTable;
  groups: GroupsTable;
  group_memberships: GroupMembershipsTable;
  member_skills: MemberSkillsTable;
  auth_tokens: AuthTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  invitations: InvitationsTable;
  invitation_messages: InvitationMessagesTable;
  connections: ConnectionsTable;
  reports: ReportsTable;
  member_reports: MemberReportsTable;
  blocks: BlocksTable;
  contacts: ContactsTable;
  standing_events: StandingEventsTable;
  allotment_requests: AllotmentRequestsTable;
  allotment_grants: AllotmentGrantsTable;
  captcha_spent: CaptchaSpentTable;
  outbox: OutboxTable;
  invite_links: InviteLinksTable;
  follows: FollowsTable;
  follow_preferences: FollowPreferencesTable;
  member_photos: MemberPhotosTable;
  closed_standings: ClosedStandingsTable;
  data_exports: DataExportsTable;
  data_export_chunks: DataExportChunksTable;
}

/** A "Download your data" archive (0018): its progress while built, then its life until downloaded or expired. */
export interface DataExportsTable {
  id: Id;
  member_id: number;
  status: Generated<'queued' | 'building' | 'ready' | 'downloaded' | 'expired' | 'failed'>;
  rows_written: Generated<number>;
  rows_total: number | null;
  size_bytes: ColumnType<number | null, number | null | undefined, number | null>;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  attempts: Generated<number>;
  locked_until: Timestamp | null;
  ready_at: Timestamp | null;
  expires_at: Timestamp | null;
  finished_at: Timestamp | null;
  last_error: string | null;
}

export interface DataExportChunksTable {
  export_id: number;
  seq: number;
  bytes: Uint8Array;
}

export type MemberRow = Selectable<MembersTable>;
export type NewMember = Insertable<MembersTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type InvitationRow = Selectable<InvitationsTable>;

export interface InviteLinksTable {
  member_id: number;
  token: string;
  enabled: Generated<boolean>;
  auto_accept: Generated<boolean>;
  created_at: Timestamp;
  rotated_at: Timestamp | null;
}

/** An explicit follow; `following = false` marks a connection who chose not to follow the other. */
export interface FollowsTable {
  follower_id: number;
  followee_id: number;
  following: Generated<boolean>;
  created_at: Timestamp;
}

export interface FollowPreferencesTable {
  member_id: number;
  follow_primary: Generated<boolean>;
}
