/**
 * Every column of the schema that names a member (a foreign key to `members`, or a name such as
 * `member_id`, `sender_id`), and where the archive puts its rows — or why it does not. The test
 * test/http/data-export.test.ts reads the live schema and fails on a column listed in neither, so a
 * new table that names members is exported or explained, never forgotten.
 */
export const EXPORTED_MEMBER_COLUMNS: Readonly<Record<string, string>> = {
  'members.manager_id': 'profile.json (managerId)',
  'member_settings.member_id': 'settings.json',
  'invite_links.member_id': 'settings.json (inviteLink, without its token)',
  'follow_preferences.member_id': 'settings.json (followIsPrimaryAction)',
  'positions.member_id': 'profile.json (positions)',
  'education.member_id': 'profile.json (education)',
  'member_skills.member_id': 'profile.json (skills)',
  'group_memberships.member_id': 'profile.json (groups)',
  'member_photos.member_id': 'photo.webp',
  'connections.member_id': 'connections.json, connections.csv',
  'connections.other_id': 'connections.json (each connection is stored both ways; the member\'s own side is read)',
  'invitations.sender_id': 'invitations.json, invitations.csv (direction "sent")',
  'invitations.recipient_id': 'invitations.json, invitations.csv (direction "received")',
  'invitation_messages.author_id': 'invitations.json (replies)',
  'messages.sender_id': 'messages.json',
  'messages.recipient_id': 'messages.json',
  'introductions.requester_id': 'introductions.json',
  'introductions.introducer_id': 'introductions.json',
  'introductions.target_id': 'introductions.json (once forwarded, as the API shows it)',
  'contacts.owner_id': 'contacts.json, contacts.csv',
  'follows.follower_id': 'follows.json (following)',
  'follows.followee_id': 'follows.json (followers)',
  'blocks.blocker_id': 'blocks.json (blocked)',
  'suggestion_dismissals.member_id': 'blocks.json (hiddenSuggestions)',
  'notifications.member_id': 'notifications.json',
  'mail_messages.to_member_id': 'mail.json (subject and dates; not the bodies, which hold signed links)',
  'standing_events.member_id': 'standing.json (history)',
  'allotment_requests.member_id': 'standing.json (allotmentRequests)',
  'allotment_grants.member_id': 'standing.json (allotmentGrants)',
  'member_reports.reporter_id': 'reports-filed.json (members)',
  'reports.reporter_id': 'reports-filed.json (invitations)',
  'auth_tokens.member_id': 'sessions.json (never the token hash or CSRF token)',
  'data_exports.member_id': 'exports.json',
};

/**
 * Columns that name a member but whose rows are not in the member's archive, each with why — in
 * words for the member: README.txt lists these reasons under "Not in this archive".
 */
export const NOT_EXPORTED_MEMBER_COLUMNS: Readonly<Record<string, string>> = {
  // Another member's private choice: the API never tells the member they were blocked.
  'blocks.blocked_id': 'Whether someone blocked you: that is their private choice, and Rapport never shows it.',
  // Another member's choice in their own "People you may know"; the member is never told.
  'suggestion_dismissals.dismissed_id': 'Whether someone hid you from their suggestions: that is their private choice.',
  // Reports against the member: who reported is never shown; the counts the rules use are in standing.json.
  'member_reports.member_id': 'Who reported you: reports stay anonymous; the counts that affect your standing are in standing.json.',
  'reports.sender_id': 'Who reported you: reports stay anonymous; the counts that affect your standing are in standing.json.',
  // Administrators' ids on the member's rows: the member sees that an administrator acted, not who.
  'standing_events.actor_id': 'Which administrator acted on your account: standing.json says when an administrator acted, not who.',
  'allotment_requests.decided_by': 'Which administrator acted on your account: standing.json says when an administrator acted, not who.',
  'allotment_grants.granted_by': 'Which administrator acted on your account: standing.json says when an administrator acted, not who.',
  // The service's own configuration, made by an administrator: not personal data of the member.
  'webhook_endpoints.created_by': 'Service settings an administrator made (webhooks): they are about the service, not about you.',
};

/** The reasons above, each once, for README.txt. */
export function notExportedReasons(): string[] {
  return [...new Set(Object.values(NOT_EXPORTED_MEMBER_COLUMNS))];
}
