import type { AppContext } from '../context.js';
import { csvLine, UTF8_BOM } from '../contacts/csv-export.js';
import { DEFAULT_INVITATION_MESSAGE } from '../domain/note.js';
import { statusForSender } from '../domain/sender-view.js';
import * as archive from '../db/repositories/member-archive.js';
import { viewAllowances } from './allowances.js';
import { notExportedReasons } from './data-export-coverage.js';
import { viewOwnAccount } from './view-own-account.js';

/** One file of the archive: its name, what it holds (for README.txt), its bytes and how many rows it has. */
export interface ArchiveFile {
  name: string;
  about: string;
  content: string | Uint8Array;
  rows: number;
}

const iso = (date: Date | null | undefined): string | null => date?.toISOString() ?? null;
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
const csv = (header: string[], lines: (string | null)[][]): string => UTF8_BOM + csvLine(header) + lines.map((cells) => csvLine(cells.map((cell) => cell ?? ''))).join('');

/** The names README.txt gives each file, in the order they are written. */
export const ARCHIVE_FILES: readonly { name: string; about: string }[] = [
  { name: 'profile.json', about: 'Your profile: name, address, headline, location, plan, positions, education, skills and groups.' },
  { name: 'settings.json', about: 'Your settings: who may invite you, mail preferences, your invite link (without its secret token) and follow preference.' },
  { name: 'connections.json', about: 'Your connections, with when you connected.' },
  { name: 'connections.csv', about: 'The same connections, for a spreadsheet.' },
  { name: 'invitations.json', about: 'Invitations you sent and received, with their notes and the replies written on them, as you see them in Rapport.' },
  { name: 'invitations.csv', about: 'The same invitations, one line each, for a spreadsheet.' },
  { name: 'messages.json', about: 'Messages and InMail you sent and received.' },
  { name: 'introductions.json', about: 'Introductions you asked for, were asked to make, or received.' },
  { name: 'contacts.json', about: 'Contacts you imported.' },
  { name: 'contacts.csv', about: 'The same contacts, for a spreadsheet.' },
  { name: 'follows.json', about: 'Members you follow and members who follow you.' },
  { name: 'blocks.json', about: 'Members you blocked, and people you took out of "People you may know".' },
  { name: 'notifications.json', about: 'Your notifications.' },
  { name: 'mail.json', about: 'Mail Rapport sent you: subject and when (not the text, whose links were yours alone).' },
  { name: 'standing.json', about: 'Your standing and invitation limits now, their history, and your requests for more invitations.' },
  { name: 'reports-filed.json', about: 'Reports you filed on members and on invitations.' },
  { name: 'sessions.json', about: 'Your sign-in sessions and API tokens: when made, until when, whether signed out (never the tokens).' },
  { name: 'exports.json', about: 'The archives of your data you asked for.' },
  { name: 'photo.webp', about: 'Your profile photo, when you have one.' },
];

const aboutOf = (name: string): string => ARCHIVE_FILES.find((file) => file.name === name)!.about;
const file = (name: string, content: string | Uint8Array, rows: number): ArchiveFile => ({ name, about: aboutOf(name), content, rows });

/**
 * Everything the service holds that names the member, as files. What the member sees of someone
 * else's choices is what the API shows them: a sent invitation that was ignored or reported reads
 * `pending` (statusForSender), a declined introduction never existed for its target, and other
 * members appear by id and name, never by address.
 */
export async function loadArchiveFiles(ctx: AppContext, memberId: number): Promise<ArchiveFile[]> {
  const db = ctx.db;
  const [account, allowances] = await Promise.all([viewOwnAccount(ctx, memberId), viewAllowances(ctx, memberId)]);
  const { member, parts, settings, quota, standing } = account;
  const files: ArchiveFile[] = [];
  const profile = {
    id: String(member.id),
    kind: member.kind,
    email: member.email,
    emailVerifiedAt: iso(member.email_verified_at),
    name: member.name,
    headline: member.headline,
    location: member.location,
    managerId: member.manager_id === null ? null : String(member.manager_id),
    role: member.role,
    plan: member.tier,
    joinedAt: iso(member.created_at),
    positions: parts.positions,
    education: parts.education,
    skills: parts.skills,
    groups: parts.groups,
  };
  files.push(file('profile.json', json(profile), 1 + parts.positions.length + parts.education.length + parts.skills.length + parts.groups.length));

  const [inviteLink, follows] = await Promise.all([archive.archiveInviteLink(db, memberId), archive.archiveFollows(db, memberId)]);
  files.push(file('settings.json', json({ ...settings, inviteLink: inviteLink && { enabled: inviteLink.enabled, autoAccept: inviteLink.auto_accept, createdAt: iso(inviteLink.created_at), rotatedAt: iso(inviteLink.rotated_at) }, followIsPrimaryAction: follows.followIsPrimaryAction }), 1));

  const connections = await archive.archiveConnections(db, memberId);
  const profileUrl = (id: number) => `${ctx.publicUrl}/members/${id}`;
  files.push(file('connections.json', json(connections.map((c) => ({ memberId: String(c.memberId), name: c.name, headline: c.headline, location: c.location, profile: profileUrl(c.memberId), connectedAt: iso(c.connectedAt) }))), connections.length));
  files.push(file('connections.csv', csv(['Name', 'Headline', 'Location', 'Profile', 'Connected On'], connections.map((c) => [c.name, c.headline, c.location, profileUrl(c.memberId), iso(c.connectedAt)])), 0));

  const [invitations, notes] = await Promise.all([archive.archiveInvitations(db, memberId), archive.archiveInvitationMessages(db, memberId)]);
  const repliesOf = new Map<number, { author: string; authorId: string; body: string; at: string | null }[]>();
  for (const note of notes) {
    const list = repliesOf.get(note.invitation_id) ?? [];
    list.push({ authorId: String(note.author_id), author: note.author_name, body: note.body, at: iso(note.created_at) });
    repliesOf.set(note.invitation_id, list);
  }
  const invitationViews = invitations.map((i) => {
    const sent = i.sender_id === memberId;
    const status = sent ? statusForSender(i.status) : i.status;
    const silent = sent && status !== i.status;
    // Invited by address alone: until it is answered, the sender sees the address they typed, not who has it.
    const byAddressOnly = sent && i.source === 'email' && status === 'pending';
    return {
      id: String(i.id),
      direction: sent ? 'sent' : 'received',
      sender: { id: String(i.sender_id), name: i.sender_name },
      recipient: i.recipient_id === null || byAddressOnly ? null : { id: String(i.recipient_id), name: i.recipient_name },
      recipientEmail: sent ? i.recipient_email : null,
      note: i.note,
      message: i.note ?? DEFAULT_INVITATION_MESSAGE,
      howWeMet: i.how_we_met,
      status,
      createdAt: iso(i.created_at),
      lastSentAt: iso(i.last_sent_at),
      viewedAt: iso(i.viewed_at),
      respondedAt: silent ? null : iso(i.responded_at),
      ...(sent ? {} : { reportedAs: i.report_reason }),
      replies: repliesOf.get(i.id) ?? [],
    };
  });
  files.push(file('invitations.json', json(invitationViews), invitations.length + notes.length));
  files.push(
    file(
      'invitations.csv',
      csv(
        ['Direction', 'From', 'To', 'Status', 'Message', 'Sent On', 'Answered On'],
        invitationViews.map((v) => [v.direction, v.sender.name, v.recipient?.name ?? v.recipientEmail, v.status, v.message, v.createdAt, v.respondedAt]),
      ),
      0,
    ),
  );

  const messages = await archive.archiveMessages(db, memberId);
  files.push(
    file(
      'messages.json',
      json(messages.map((m) => ({ id: String(m.id), kind: m.kind, from: { id: String(m.sender_id), name: m.sender_name }, to: { id: String(m.recipient_id), name: m.recipient_name }, body: m.body, sentAt: iso(m.created_at), readAt: iso(m.read_at) }))),
      messages.length,
    ),
  );

  // A declined request never existed for the target, and the note to the introducer is not theirs to read (as the API shows it).
  const introductions = (await archive.archiveIntroductions(db, memberId)).filter((x) => x.target_id !== memberId || x.status === 'forwarded' || x.status === 'connected');
  files.push(
    file(
      'introductions.json',
      json(
        introductions.map((x) => {
          const role = x.requester_id === memberId ? 'requester' : x.introducer_id === memberId ? 'introducer' : 'target';
          return {
            id: String(x.id),
            role,
            requester: { id: String(x.requester_id), name: x.requester_name },
            introducer: { id: String(x.introducer_id), name: x.introducer_name },
            target: { id: String(x.target_id), name: x.target_name },
            messageToIntroducer: role === 'target' ? null : x.message_to_introducer,
            messageToTarget: x.message_to_target,
            introducerNote: x.introducer_note,
            status: x.status,
            createdAt: iso(x.created_at),
            decidedAt: iso(x.decided_at),
          };
        }),
      ),
      introductions.length,
    ),
  );

  const contacts = await archive.archiveContacts(db, memberId);
  files.push(file('contacts.json', json(contacts.map((c) => ({ id: String(c.id), name: c.name, email: c.email, addedAt: iso(c.created_at) }))), contacts.length));
  files.push(file('contacts.csv', csv(['Name', 'Email', 'Added On'], contacts.map((c) => [c.name, c.email, iso(c.created_at)])), 0));

  const person = (p: { memberId: number; name: string }) => ({ memberId: String(p.memberId), name: p.name });
  files.push(
    file(
      'follows.json',
      json({ following: follows.following.map((f) => ({ ...person(f), since: iso(f.since) })), followers: follows.followers.map((f) => ({ ...person(f), since: iso(f.since) })) }),
      follows.following.length + follows.followers.length,
    ),
  );

  const [blocks, dismissed] = await Promise.all([archive.archiveBlocks(db, memberId), archive.archiveSuggestionDismissals(db, memberId)]);
  files.push(file('blocks.json', json({ blocked: blocks.map((b) => ({ ...person(b), blockedAt: iso(b.blockedAt) })), hiddenSuggestions: dismissed.map(person) }), blocks.length + dismissed.length));

  const notifications = await archive.archiveNotifications(db, memberId);
  files.push(
    file(
      'notifications.json',
      json(notifications.map((n) => ({ id: String(n.id), kind: n.kind, payload: typeof n.payload === 'string' ? JSON.parse(n.payload) : n.payload, createdAt: iso(n.created_at), readAt: iso(n.read_at) }))),
      notifications.length,
    ),
  );

  const mail = await archive.archiveMail(db, memberId);
  files.push(file('mail.json', json(mail.map((m) => ({ id: String(m.id), kind: m.template, category: m.category, subject: m.subject, status: m.status, queuedAt: iso(m.created_at), sentAt: iso(m.sent_at) }))), mail.length));

  const [standingEvents, allotments] = await Promise.all([archive.archiveStandingEvents(db, memberId), archive.archiveAllotments(db, memberId)]);
  files.push(
    file(
      'standing.json',
      json({
        standing,
        invitationLimits: quota,
        monthlyAllowances: allowances,
        restriction: { restrictedAt: iso(member.restricted_at), endsAt: iso(member.restriction_ends_at), timesRestricted: member.restriction_count, lastLiftedAt: iso(member.last_lift_at) },
        history: standingEvents.map((e) => ({ kind: e.kind, reason: e.reason, byAdministrator: e.by_administrator, at: iso(e.created_at) })),
        allotmentRequests: allotments.requests.map((r) => ({ id: String(r.id), reason: r.reason, status: r.status, grantedCount: r.granted_count, askedAt: iso(r.created_at), decidedAt: iso(r.decided_at) })),
        allotmentGrants: allotments.grants.map((g) => ({ count: g.count, grantedAt: iso(g.created_at) })),
      }),
      1 + standingEvents.length + allotments.requests.length + allotments.grants.length,
    ),
  );

  const reports = await archive.archiveReportsFiled(db, memberId);
  files.push(
    file(
      'reports-filed.json',
      json({
        members: reports.members.map((r) => ({ member: person(r), reason: r.reason, source: r.source, reportedAt: iso(r.created_at) })),
        invitations: reports.invitations.map((r) => ({ invitationId: String(r.invitation_id), sender: { id: String(r.senderId), name: r.senderName }, reason: r.reason, reportedAt: iso(r.created_at) })),
      }),
      reports.members.length + reports.invitations.length,
    ),
  );

  const sessions = await archive.archiveSessions(db, memberId);
  files.push(file('sessions.json', json(sessions.map((s) => ({ kind: s.kind, createdAt: iso(s.created_at), expiresAt: iso(s.expires_at), revokedAt: iso(s.revoked_at) }))), sessions.length));

  const exports = await archive.archiveExportHistory(db, memberId);
  files.push(file('exports.json', json(exports.map((e) => ({ id: String(e.id), status: e.status, requestedAt: iso(e.requested_at), readyAt: iso(e.ready_at), finishedAt: iso(e.finished_at) }))), exports.length));

  const photo = await archive.archivePhoto(db, memberId);
  if (photo) files.push(file('photo.webp', photo.large, 1));
  return files;
}

/** README.txt: what each file of this archive is. */
export function archiveReadme(files: readonly ArchiveFile[], memberName: string, madeAt: Date): string {
  const width = Math.max(...files.map((f) => f.name.length));
  return [
    `Your data on Rapport, ${memberName}`,
    `Made ${madeAt.toISOString()}.`,
    '',
    'Each file below holds one part of what Rapport keeps about you. JSON files are for programs;',
    'CSV files open in a spreadsheet (a cell that starts with = + - or @ gets a leading \' so that it is shown, never run).',
    'Other members appear by name and profile, never by their address. Passwords and sign-in tokens are never exported.',
    '',
    'README.txt'.padEnd(width) + '  This file.',
    ...files.map((f) => `${f.name.padEnd(width)}  ${f.about}`),
    '',
    'Not in this archive:',
    ...notExportedReasons().map((reason) => `- ${reason}`),
    '- Your password and sign-in tokens: only their one-way hashes are kept, and those are secrets.',
    '',
  ].join('\r\n');
}
