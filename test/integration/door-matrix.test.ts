import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/db/repositories/tokens.js';
import { closeAccount } from '../../src/use-cases/close-account.js';
import { createLinkToken } from '../../src/mail/link-tokens.js';
import { DAY_MS } from '../../src/domain/clock.js';
import type { Policy } from '../../src/domain/policy.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/**
 * The door matrix: every path that can put an invitation or a connection in front of a member
 * (DOORS) × every rule that must stop it (REFUSALS), generated from the two lists, so that a new
 * door or a new rule cannot be added without its row. Each cell sets up a fresh sender S and
 * recipient R in the refusal's situation, goes through the door, and expects what the main door
 * (`POST /invitations` by id, with R's address when the door carries it) would answer: the same
 * refusal code where the door has someone to tell, or a silent drop where it has not (an address
 * must never tell the sender who holds it). Then it checks what reached R: their received list,
 * their notifications and their mail.
 *
 * The doors are in `docs/decisions/006-one-door.md`. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */

const policy: Partial<Policy> = { monthlyLimit: 10, lifetimeAllotment: 20, captchaAfterPerDay: 5, maxConnections: 3 };

type Expected =
  /** The sender (or, at an introduction, the member who connects) is told this refusal. */
  | { told: string }
  /** R gets a pending invitation from S. */
  | 'reached'
  /** S and R are connected (a crossing invitation was accepted). */
  | 'connected';

/** What a cell can see happen. */
type Seen = { told: string } | 'reached' | 'connected' | 'nothing';

interface World {
  t: TestApp;
  sender: TestMember;
  recipient: TestMember;
  /** Connected to both S and R, when the refusal keeps S and R in each other's 2nd degree. */
  mutual: TestMember | null;
}

interface Refusal {
  name: string;
  /** The main door's answer without R's address, and with it. */
  plain: Expected;
  withEmail: Expected;
  /** The refusal is about S's own account or limits, which S knows anyway: told even by a door that answers silently. */
  senderOwn?: boolean;
  /** R is hidden from S (a block): a contact import does not even match R's address to R. */
  hidesMember?: boolean;
  senderKind?: 'company';
  recipientKind?: 'company';
  /** No member connects S and R (out of each other's network). */
  noMutual?: boolean;
  setup?: (w: World) => Promise<void>;
}

const told = (code: string): Expected => ({ told: code });

const REFUSALS: Refusal[] = [
  { name: 'nothing in the way (control)', plain: 'reached', withEmail: 'reached' },
  { name: 'out of network', noMutual: true, plain: told('not_eligible'), withEmail: 'reached' },
  { name: 'R blocked S', hidesMember: true, plain: told('not_found'), withEmail: told('not_found'), setup: async (w) => expectOk(await w.t.call('POST', '/api/v1/blocks', w.recipient, { memberId: w.sender.id })) },
  { name: 'S blocked R', hidesMember: true, plain: told('not_found'), withEmail: told('not_found'), setup: async (w) => expectOk(await w.t.call('POST', '/api/v1/blocks', w.sender, { memberId: w.recipient.id })) },
  { name: 'R declined S before', plain: told('reinvite_forbidden'), withEmail: told('reinvite_forbidden'), setup: (w) => earlierInvitation(w, 'decline') },
  { name: 'R reported S before', plain: told('invitation_pending'), withEmail: told('invitation_pending'), setup: (w) => earlierInvitation(w, 'report') },
  { name: 'already connected', plain: told('already_connected'), withEmail: told('already_connected'), setup: (w) => w.t.connect(w.sender, w.recipient) },
  { name: 'S has an invitation pending to R', plain: told('invitation_pending'), withEmail: told('invitation_pending'), setup: (w) => earlierInvitation(w, null) },
  { name: 'R has an invitation pending to S (crossing)', plain: 'connected', withEmail: 'connected', setup: async (w) => expectOk(await w.t.call('POST', '/api/v1/invitations', w.recipient, { recipientId: w.sender.id })) },
  { name: 'cooling down after a withdraw', plain: told('reinvite_cooldown'), withEmail: told('reinvite_cooldown'), setup: (w) => earlierInvitation(w, 'withdraw') },
  { name: 'cooling down after an ignore', plain: told('reinvite_cooldown'), withEmail: told('reinvite_cooldown'), setup: (w) => earlierInvitation(w, 'ignore') },
  { name: 'R accepts invitations from contacts only', plain: told('recipient_not_accepting'), withEmail: told('recipient_not_accepting'), setup: (w) => setInvitationsFrom(w, 'contacts_only') },
  { name: 'R asks for their address (email or contacts)', plain: told('email_required'), withEmail: 'reached', setup: (w) => setInvitationsFrom(w, 'email_or_contacts') },
  { name: 'S is restricted and gives no address', plain: told('email_required'), withEmail: 'reached', setup: (w) => restrict(w.t, w.sender) },
  { name: 'S used the monthly quota', senderOwn: true, plain: told('quota_exceeded'), withEmail: told('quota_exceeded'), setup: (w) => fillSends(w, policy.monthlyLimit!, 0) },
  { name: 'S used the lifetime allotment', senderOwn: true, plain: told('quota_exceeded'), withEmail: told('quota_exceeded'), setup: (w) => fillSends(w, policy.lifetimeAllotment!, 62) },
  { name: 'S is past the captcha threshold', senderOwn: true, plain: told('captcha_required'), withEmail: told('captcha_required'), setup: (w) => fillSends(w, policy.captchaAfterPerDay!, 0) },
  { name: 'R is a company page', recipientKind: 'company', noMutual: true, plain: told('companies_cannot_connect'), withEmail: told('companies_cannot_connect') },
  { name: 'S is a company page', senderKind: 'company', noMutual: true, senderOwn: true, plain: told('companies_cannot_connect'), withEmail: told('companies_cannot_connect') },
  { name: 'R has the most connections a member can have', plain: told('connection_limit_reached'), withEmail: told('connection_limit_reached'), setup: (w) => fillConnections(w, w.recipient) },
  { name: 'S has the most connections a member can have', senderOwn: true, plain: told('connection_limit_reached'), withEmail: told('connection_limit_reached'), setup: (w) => fillConnections(w, w.sender) },
];

interface Door {
  name: string;
  /** The door carries R's address (so the main door's answer with the address is expected). */
  knowsEmail: boolean;
  /** Whom the door can tell a refusal about R: `silent` doors drop it instead. */
  answers: 'told' | 'silent' | ((refusal: Refusal) => 'told' | 'silent');
  /** R has not proven their address when S goes through the door. */
  recipientUnverified?: boolean;
  /** Refusals this door meets before it reaches the send decision, with the door's own code (nothing reaches R either way). */
  before?: Record<string, string>;
  through: (w: World) => Promise<Seen | 'answered'>;
}

const DOORS: Door[] = [
  { name: 'by id', knowsEmail: false, answers: 'told', through: (w) => sendAnswer(w.t.call('POST', '/api/v1/invitations', w.sender, { recipientId: w.recipient.id })) },
  {
    name: 'by id with the address',
    knowsEmail: true,
    answers: 'told',
    through: (w) => sendAnswer(w.t.call('POST', '/api/v1/invitations', w.sender, { recipientId: w.recipient.id, email: w.recipient.email })),
  },
  { name: 'by address, to a member who proved it', knowsEmail: true, answers: 'silent', through: (w) => sendAnswer(w.t.call('POST', '/api/v1/invitations', w.sender, { email: w.recipient.email })) },
  {
    name: 'by address, then the member proves it',
    knowsEmail: true,
    answers: 'silent',
    recipientUnverified: true,
    through: async (w) => {
      const sent = await sendAnswer(w.t.call('POST', '/api/v1/invitations', w.sender, { email: w.recipient.email }));
      if (sent !== 'answered') return sent;
      const verified = await w.t.verifyEmail(w.recipient);
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      return 'answered';
    },
  },
  {
    name: 'invite-me link',
    knowsEmail: true,
    answers: 'told',
    through: async (w) => {
      const link = await w.t.call('GET', '/api/v1/me/invite-link', w.recipient);
      expectOk(link);
      const token = String(link.body.url).split('/').at(-1)!;
      return sendAnswer(w.t.call('POST', `/api/v1/invite-links/${token}/connect`, w.sender, {}));
    },
  },
  {
    name: 'contact import',
    knowsEmail: true,
    answers: (refusal) => (refusal.hidesMember ? 'silent' : 'told'),
    through: async (w) => {
      const upload = await w.t.call('POST', '/api/v1/contacts/import', w.sender, `First Name,Last Name,Email Address\nR,Member,${w.recipient.email}\n`, { 'content-type': 'text/csv' });
      expect(upload.status, JSON.stringify(upload.body)).toBe(201);
      const contacts = await w.t.call('GET', '/api/v1/contacts', w.sender);
      const contact = contacts.body.items.find((c: { email: string }) => c.email === w.recipient.email);
      const invited = await w.t.call('POST', '/api/v1/contacts/invite', w.sender, { contactIds: [contact.id] });
      expectOk(invited);
      const [result] = invited.body.results;
      return result.outcome === 'refused' || result.outcome === 'not_attempted' ? { told: result.code } : 'answered';
    },
  },
  {
    name: 'introduction through a mutual connection',
    knowsEmail: false,
    answers: 'told',
    before: {
      'R blocked S': 'not_found',
      'S blocked R': 'not_found',
      'already connected': 'already_connected',
      'out of network': 'not_connected_to_introducer',
      'R is a company page': 'not_connected_to_introducer',
      'S is a company page': 'not_connected_to_introducer',
    },
    through: async (w) => {
      if (!w.mutual) return { told: 'not_connected_to_introducer' };
      const asked = await w.t.call('POST', '/api/v1/introductions', w.sender, { introducerId: w.mutual.id, targetId: w.recipient.id, messageToIntroducer: 'Could you introduce us?', messageToTarget: 'Hello!' });
      if (asked.status >= 400) return { told: asked.body.code };
      expectOk(await w.t.call('POST', `/api/v1/introductions/${asked.body.introduction.id}/forward`, w.mutual, {}));
      const connected = await w.t.call('POST', `/api/v1/introductions/${asked.body.introduction.id}/connect`, w.recipient, {});
      return connected.status >= 400 ? { told: connected.body.code } : 'answered';
    },
  },
];

/** What the cell expects: the main door's answer, read through this door. */
function expectedAt(door: Door, refusal: Refusal): Seen {
  if (door.before?.[refusal.name]) return { told: door.before[refusal.name]! };
  const main = door.knowsEmail ? refusal.withEmail : refusal.plain;
  const answers = typeof door.answers === 'function' ? door.answers(refusal) : door.answers;
  if (typeof main === 'object' && answers === 'silent' && !refusal.senderOwn) return 'nothing';
  // An introduction sends S's invitation and R accepts it at once.
  if (door.name.startsWith('introduction') && main === 'reached') return 'connected';
  return main;
}

// ---------------------------------------------------------------------------------------------

let counter = 0;

/** A member written straight into the database with a bearer token (no password hashing: the matrix makes hundreds). */
async function quickMember(t: TestApp, name: string, options: { kind?: 'company'; verified?: boolean } = {}): Promise<TestMember> {
  const now = t.clock.now();
  const email = `door.${process.pid}.${++counter}@example.com`;
  const db = t.service.ctx.db;
  const row = await db
    .insertInto('members')
    .values({
      kind: options.kind ?? 'person',
      email,
      email_normalized: email,
      password_hash: 'x',
      name: `${name} ${counter}`,
      created_at: now,
      manager_id: null,
      restricted_at: null,
      restriction_ends_at: null,
      last_lift_at: null,
      email_verified_at: options.verified === false ? null : now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('member_settings').values({ member_id: row.id, auto_withdraw_after_days: null }).execute();
  const issued = await issueToken(db, Number(row.id), 'bearer', now, 100 * 365 * DAY_MS);
  return { id: String(row.id), token: issued.token, email, name };
}

function expectOk(answer: { status: number; body: unknown }): void {
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
}

async function sendAnswer(request: Promise<{ status: number; body: any }>): Promise<Seen | 'answered'> {
  const answer = await request;
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
  return answer.status >= 400 ? { told: answer.body.code } : 'answered';
}

/** S invited R before, and R (or S) answered it with `then` — or left it pending (`null`). */
async function earlierInvitation(w: World, then: 'decline' | 'report' | 'withdraw' | 'ignore' | null): Promise<void> {
  const sent = await w.t.call('POST', '/api/v1/invitations', w.sender, { recipientId: w.recipient.id });
  expectOk(sent);
  const id = sent.body.invitation.id;
  if (then === 'decline') expectOk(await w.t.call('POST', `/api/v1/invitations/${id}/decline`, w.recipient));
  if (then === 'report') expectOk(await w.t.call('POST', `/api/v1/invitations/${id}/report`, w.recipient, { reason: 'dont_know' }));
  if (then === 'withdraw') expectOk(await w.t.call('POST', `/api/v1/invitations/${id}/withdraw`, w.sender));
  if (then === 'ignore') {
    expectOk(await w.t.call('POST', `/api/v1/invitations/${id}/ignore`, w.recipient));
    expectOk(await w.t.call('POST', `/api/v1/invitations/${id}/withdraw`, w.sender));
  }
}

async function setInvitationsFrom(w: World, setting: 'contacts_only' | 'email_or_contacts'): Promise<void> {
  expectOk(await w.t.call('PATCH', '/api/v1/me/settings', w.recipient, { invitationsFrom: setting }));
}

async function restrict(t: TestApp, member: TestMember): Promise<void> {
  await sql`update members set restricted_at = ${t.clock.now()}, restriction_count = 1 where id = ${Number(member.id)}`.execute(t.service.ctx.db);
}

/** `count` earlier sends by S to other addresses, `daysAgo` days ago (counted by every quota window they fall in). */
async function fillSends(w: World, count: number, daysAgo: number): Promise<void> {
  const at = new Date(w.t.clock.now().getTime() - daysAgo * DAY_MS);
  await w.t.service.ctx.db
    .insertInto('invitations')
    .values(
      Array.from({ length: count }, (_, i) => ({
        sender_id: Number(w.sender.id),
        recipient_id: null,
        recipient_email: `filler.${w.sender.id}.${i}@example.org`,
        recipient_email_normalized: `filler.${w.sender.id}.${i}@example.org`,
        status: 'expired' as const,
        created_at: at,
        last_sent_at: at,
        responded_at: at,
      })),
    )
    .execute();
}

/** Connects `member` with new members until they have `maxConnections`. */
async function fillConnections(w: World, member: TestMember): Promise<void> {
  const have = Number((await sql<{ n: number }>`select connection_count as n from members where id = ${Number(member.id)}`.execute(w.t.service.ctx.db)).rows[0]!.n);
  for (let i = have; i < policy.maxConnections!; i++) await w.t.connect(member, await quickMember(w.t, 'Filler'));
}

/** What R can see of S: pending invitations from S, notifications about them, mail from S's invitations. */
async function whatReached(w: World) {
  await w.t.call('POST', '/api/v1/_test/run-due');
  const received = await w.t.call('GET', '/api/v1/invitations/received?limit=100', w.recipient);
  const notifications = await w.t.call('GET', '/api/v1/notifications?limit=100', w.recipient);
  const mail = await w.t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(w.recipient.email)}`);
  const connections = await w.t.call('GET', '/api/v1/connections?limit=100', w.sender);
  return {
    pendingFromSender: received.body.items.filter((i: any) => i.sender.id === w.sender.id && i.status === 'pending').map((i: any) => i.id as string),
    invitationNotifications: notifications.body.items.filter((n: any) => n.kind === 'invitation_received').length,
    invitationMail: mail.body.items.filter((m: any) => m.template === 'invitation' || m.template === 'join').length,
    connected: connections.body.items.some((c: any) => c.member.id === w.recipient.id),
  };
}

describe.each(backends)('the door matrix on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, policy);
  });
  afterAll(() => t?.close());

  const cells = DOORS.flatMap((door) => REFUSALS.map((refusal) => ({ door, refusal, label: `${door.name} × ${refusal.name}` })));

  it('has a row for every door and every refusal', () => {
    expect(cells).toHaveLength(DOORS.length * REFUSALS.length);
  });

  for (const { door, refusal, label } of cells) it(label, async () => {
    const sender = await quickMember(t, 'Sender', { ...(refusal.senderKind ? { kind: refusal.senderKind } : {}) });
    const recipient = await quickMember(t, 'Recipient', { ...(refusal.recipientKind ? { kind: refusal.recipientKind } : {}), verified: !door.recipientUnverified });
    let mutual: TestMember | null = null;
    if (!refusal.noMutual) {
      mutual = await quickMember(t, 'Mutual');
      await t.connect(mutual, sender);
      await t.connect(mutual, recipient);
    }
    const w: World = { t, sender, recipient, mutual };
    await refusal.setup?.(w);
    const before = await whatReached(w);

    const answer = await door.through(w);
    const after = await whatReached(w);
    const newPending = after.pendingFromSender.filter((id: string) => !before.pendingFromSender.includes(id));
    const seen: Seen =
      answer !== 'answered' ? answer : after.connected && !before.connected ? 'connected' : newPending.length > 0 ? 'reached' : 'nothing';
    expect(seen).toEqual(expectedAt(door, refusal));

    // Nothing but an invitation the rules allow reaches R: no list entry, no notification, no mail.
    if (seen !== 'reached') {
      expect(newPending).toEqual([]);
      expect(after.invitationNotifications).toBe(before.invitationNotifications);
      expect(after.invitationMail).toBe(before.invitationMail);
    } else {
      expect(after.invitationNotifications).toBe(before.invitationNotifications + 1);
      expect(after.invitationMail).toBe(before.invitationMail + 1);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Accepting: every door through which a recipient accepts × what may have changed since the send.

interface AcceptWorld extends World {
  invitationId: string;
}

interface AcceptRefusal {
  name: string;
  /** The code the recipient is told, or `connected` when nothing stands in the way. */
  expected: string | 'connected';
  after: (w: AcceptWorld) => Promise<void>;
}

const ACCEPT_REFUSALS: AcceptRefusal[] = [
  { name: 'nothing changed (control)', expected: 'connected', after: async () => {} },
  { name: 'S reached the connection limit since', expected: 'connection_limit_reached', after: (w) => fillConnections(w, w.sender) },
  { name: 'R reached the connection limit since', expected: 'connection_limit_reached', after: (w) => fillConnections(w, w.recipient) },
  { name: 'S withdrew it', expected: 'not_found', after: async (w) => expectOk(await w.t.call('POST', `/api/v1/invitations/${w.invitationId}/withdraw`, w.sender)) },
  { name: 'R blocked S', expected: 'not_found', after: async (w) => expectOk(await w.t.call('POST', '/api/v1/blocks', w.recipient, { memberId: w.sender.id })) },
  // The service withdraws it through the one transition (cause account_closed), as the sender's own withdraw would
  // (closed here as an operator does, `closeAccount`: these members are made without a password).
  { name: 'S closed their account', expected: 'not_found', after: async (w) => void (await closeAccount(w.t.service.ctx, Number(w.sender.id), 'admin')) },
  {
    name: 'it expired',
    expected: 'invalid_state',
    after: async (w) => {
      w.t.clock.advance(181 * DAY_MS);
      expectOk(await w.t.call('POST', '/api/v1/_test/run-due'));
    },
  },
  {
    // No door makes one any more; one written before the rule existed still cannot connect.
    name: 'S became a company page',
    expected: 'companies_cannot_connect',
    after: async (w) => {
      await sql`update members set kind = 'company' where id = ${Number(w.sender.id)}`.execute(w.t.service.ctx.db);
    },
  },
];

interface AcceptDoor {
  name: string;
  /** Answers the refusal code, or null when the door reported success. */
  accept: (w: AcceptWorld) => Promise<string | null>;
}

const ACCEPT_DOORS: AcceptDoor[] = [
  {
    name: 'accept',
    accept: async (w) => {
      const answer = await w.t.call('POST', `/api/v1/invitations/${w.invitationId}/accept`, w.recipient);
      expect(answer.status).toBeLessThan(500);
      return answer.status >= 400 ? answer.body.code : null;
    },
  },
  {
    name: 'bulk accept',
    accept: async (w) => {
      const answer = await w.t.call('POST', '/api/v1/invitations/received/bulk', w.recipient, { action: 'accept', ids: [w.invitationId] });
      expectOk(answer);
      const [result] = answer.body.results;
      return result.ok ? null : result.code;
    },
  },
  {
    name: 'one-click link in the mail',
    accept: async (w) => {
      const token = createLinkToken(w.t.service.ctx.secret, { purpose: 'accept_invitation', memberId: Number(w.recipient.id), subject: w.invitationId, expiresAt: w.t.clock.now().getTime() + DAY_MS });
      const answer = await w.t.app.inject({ method: 'POST', url: '/mail/accept', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
      expect(answer.statusCode).toBeLessThan(500);
      // The page cannot say why (it is not signed in): it says the invitation is no longer available.
      return answer.statusCode === 200 ? null : 'unavailable';
    },
  },
];

describe.each(backends)('the accept matrix on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, policy);
  });
  afterAll(() => t?.close());

  const cells = ACCEPT_DOORS.flatMap((door) => ACCEPT_REFUSALS.map((refusal) => ({ door, refusal, label: `${door.name} × ${refusal.name}` })));

  it('has a row for every accept door and every change', () => {
    expect(cells).toHaveLength(ACCEPT_DOORS.length * ACCEPT_REFUSALS.length);
  });

  for (const { door, refusal, label } of cells) it(label, async () => {
    const sender = await quickMember(t, 'Sender');
    const recipient = await quickMember(t, 'Recipient');
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, email: recipient.email });
    expectOk(sent);
    const w: AcceptWorld = { t, sender, recipient, mutual: null, invitationId: sent.body.invitation.id };
    await refusal.after(w);

    const refused = await door.accept(w);
    const connections = await t.call('GET', '/api/v1/connections?limit=100', sender);
    const connected = connections.body.items.some((c: any) => c.member.id === recipient.id);
    if (refusal.expected === 'connected') {
      expect(refused).toBeNull();
      expect(connected).toBe(true);
    } else {
      expect(refused).toBe(door.name.startsWith('one-click') ? 'unavailable' : refusal.expected);
      expect(connected).toBe(false);
    }
  });
});
