import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { issueToken } from '../../src/db/repositories/tokens.js';
import { loadServiceSecret } from '../../src/db/service-secret.js';
import { createLinkToken } from '../../src/mail/link-tokens.js';
import { DAY_MS } from '../../src/domain/clock.js';
import type { Policy } from '../../src/domain/policy.js';
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../helpers/postgres.js';
import { startServer, type RunningServer } from '../helpers/spawn-server.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * A fast-check command model of the invitation lifecycle, driven through the HTTP API: members,
 * invitations, connections, quotas, standing and the clock. With DATABASE_URL: three `rapport
 * serve` processes on one fresh PostgreSQL database, each command sent to one of them; without:
 * one in-process service on PGlite. After every command the invariants are checked in SQL.
 * Invitations go through every door of a send: by id (with or without the address), by address to
 * a member who has or has not proven it, and the proof itself, which decides each invitation that
 * waited on the address again.
 *
 * Runs: MODEL_RUNS (default 50), or `npm run test:model -- --runs 1000`. A failure prints the
 * seed, the path and the commands (shrunk; MODEL_SHRINK=0 stops at the first failure); replay
 * with `npm run test:model -- --seed <seed> --path <path>` (or MODEL_SEED / MODEL_PATH).
 */

const RUNS = Number(process.env.MODEL_RUNS ?? 50);
const MAX_COMMANDS = Number(process.env.MODEL_MAX_COMMANDS ?? 30);
const MEMBERS = 4;
const base = process.env.DATABASE_URL;

const policy: Partial<Policy> = {
  monthlyLimit: 6,
  lifetimeAllotment: 9,
  weeklyLimit: 4,
  captchaAfterPerDay: 3,
  reportRestrictThreshold: 2,
  restrictionDays: 3,
  lowAcceptance: { minDecided: 3, minAcceptRate: 0.34 },
  reinviteAfterWithdrawDays: 2,
  reinviteAfterIgnoreDays: [2, 4],
  reminderDays: [1, 2],
  resendMinDays: 1,
  maxResends: 2,
  expiryDays: 5,
  noteMaxLength: 40,
};
const HALF_DAY = DAY_MS / 2;

// ---------------------------------------------------------------------------------------------
// The system under test: one in-process service, or three processes on one PostgreSQL database.

interface Answer {
  status: number;
  body: any;
}

interface Harness {
  label: string;
  servers: number;
  db: Kysely<any>;
  call(server: number, method: string, url: string, token: string | null, body?: unknown): Promise<Answer>;
  advance(ms: number): Promise<void>;
  now(server: number): Promise<Date>;
  close(): Promise<void>;
}

async function inProcessHarness(): Promise<Harness> {
  const t: TestApp = await createTestApp('pglite', policy);
  return {
    label: 'one in-process service on PGlite',
    servers: 1,
    db: t.service.ctx.db,
    async call(_server, method, url, token, body) {
      const response = await t.app.inject({
        method: method as 'GET',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      return { status: response.statusCode, body: response.body ? safeJson(response.body) : null };
    },
    async advance(ms) {
      t.clock.advance(ms);
    },
    async now() {
      return t.clock.now();
    },
    close: () => t.close(),
  };
}

async function processesHarness(): Promise<Harness> {
  const name = await createDatabaseFrom(base!, inject('postgresTemplate')!);
  const url = databaseUrlFor(base!, name);
  const database: Database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  const env = { DATABASE_URL: url, RAPPORT_TEST_CLOCK: '1', RAPPORT_POLICY: JSON.stringify(policy) };
  const servers: RunningServer[] = [];
  for (let i = 0; i < 3; i++) servers.push(await startServer(env));
  const call = async (server: number, method: string, path: string, token: string | null, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${servers[server % servers.length]!.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? safeJson(text) : null };
  };
  return {
    label: 'three server processes on one PostgreSQL database',
    servers: 3,
    db: database.db,
    call,
    // Each process has its own test clock: move every one by the same amount.
    async advance(ms) {
      for (let i = 0; i < servers.length; i++) {
        const answer = await call(i, 'POST', '/api/v1/_test/clock/advance', null, { ms });
        if (answer.status !== 200) throw new Error(`clock advance on server ${i}: ${answer.status}`);
      }
    },
    async now(server) {
      return new Date((await call(server, 'GET', '/api/v1/_test/now', null)).body.now);
    },
    async close() {
      await Promise.all(servers.map((s) => s.stop()));
      await database.close();
      await dropDatabase(base!, name);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// The model.

type Status = 'pending' | 'ignored' | 'accepted' | 'declined' | 'reported' | 'withdrawn' | 'expired';
const OPEN: readonly Status[] = ['pending', 'ignored'];

interface ModelInvitation {
  id: string;
  from: number;
  to: number;
  /** Sent with the recipient's address (by address, or by id with it): a later send to that address finds it. */
  addressGiven?: boolean;
  status: Status;
  createdAt: number;
  lastSentAt: number;
  resends: number;
}

/** An invitation sent to a member's address while nobody had proven it, or dropped by the rules: it reaches nobody (yet). */
interface ParkedInvitation {
  id: string;
  from: number;
  /** The member whose address it was sent to. */
  to: number;
  status: 'pending' | 'withdrawn' | 'expired';
  dropped: boolean;
  createdAt: number;
}

interface Model {
  now: number;
  invitations: ModelInvitation[];
  parked: ParkedInvitation[];
  connected: Set<string>;
  blocks: Set<string>;
  /** Members who proved their address. */
  verified: Set<number>;
}

interface RealMember {
  id: string;
  token: string;
  email: string;
}

interface Real {
  h: Harness;
  members: RealMember[];
  /** The service's signing key, to make the verification links its mail would carry. */
  secret: string;
  /** Status and reminder count of every invitation of this run after the last command. */
  reminders: Map<string, { status: string; sent: number }>;
  log: string[];
}

const pair = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);
const blockedEitherWay = (m: Model, a: number, b: number) => m.blocks.has(`${a}>${b}`) || m.blocks.has(`${b}>${a}`);
const openBetween = (m: Model, a: number, b: number) => m.invitations.find((i) => OPEN.includes(i.status) && ((i.from === a && i.to === b) || (i.from === b && i.to === a)));
const nth = (m: Model, n: number) => (m.invitations.length ? m.invitations[n % m.invitations.length] : undefined);

function expectNoServerError(where: string, answer: Answer): void {
  if (answer.status >= 500) throw new Error(`${where}: ${answer.status} ${JSON.stringify(answer.body)}`);
  if (answer.status >= 400 && (typeof answer.body !== 'object' || typeof answer.body?.code !== 'string')) {
    throw new Error(`${where}: ${answer.status} without a problem code: ${JSON.stringify(answer.body)}`);
  }
}

function expectOneOf(where: string, answer: Answer, statuses: number[], codes?: string[]): void {
  expectNoServerError(where, answer);
  if (!statuses.includes(answer.status)) throw new Error(`${where}: expected ${statuses.join('/')}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  if (codes && answer.status >= 400 && !codes.includes(answer.body.code)) throw new Error(`${where}: expected ${codes.join('/')}, got ${answer.body.code}`);
}

const SEND_REFUSALS = ['invitation_pending', 'reinvite_forbidden', 'reinvite_cooldown', 'email_required', 'not_eligible', 'quota_exceeded', 'captcha_required', 'note_too_long'];

abstract class Step implements fc.AsyncCommand<Model, Real> {
  constructor(readonly server: number) {}
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  abstract act(m: Model, r: Real): Promise<void>;
  abstract describe(): string;
  async run(m: Model, r: Real): Promise<void> {
    r.log.push(this.toString());
    await this.act(m, r);
    await checkInvariants(m, r, this.toString(), this.quotaOf());
  }
  /** Whose quota counters this command can change (time moves every window). */
  quotaOf(): 'all' | number[] {
    return [];
  }
  toString(): string {
    return `${this.describe()}@s${this.server}`;
  }
}

class Send extends Step {
  constructor(server: number, readonly from: number, readonly to: number, readonly withEmail: boolean, readonly note: string | undefined) {
    super(server);
  }
  override check(): boolean {
    return this.from !== this.to;
  }
  override quotaOf() {
    return [this.from];
  }
  describe() {
    return `send(${this.from}→${this.to}${this.withEmail ? ', email' : ''}${this.note !== undefined ? `, note ${JSON.stringify(this.note.slice(0, 12))}${this.note.length > 12 ? `…(${this.note.length})` : ''}` : ''})`;
  }
  async act(m: Model, r: Real) {
    const sender = r.members[this.from]!;
    const recipient = r.members[this.to]!;
    const body = { recipientId: recipient.id, ...(this.withEmail ? { email: recipient.email } : {}), ...(this.note !== undefined ? { note: this.note } : {}) };
    const answer = await r.h.call(this.server, 'POST', '/api/v1/invitations', sender.token, body);
    const where = this.toString();
    const open = openBetween(m, this.from, this.to);
    if (this.note !== undefined && this.note.length > (policy.noteMaxLength ?? 300)) return expectOneOf(where, answer, [422], ['note_too_long']);
    if (blockedEitherWay(m, this.from, this.to)) return expectOneOf(where, answer, [404], ['not_found']);
    if (m.connected.has(pair(this.from, this.to))) return expectOneOf(where, answer, [409], ['already_connected']);
    if (open && open.from === this.from) return expectOneOf(where, answer, [409], ['invitation_pending']);
    if (open) {
      // The recipient already invited the sender: that invitation is accepted instead.
      expectOneOf(where, answer, [200]);
      if (answer.body.connected !== true || answer.body.invitation.id !== open.id) throw new Error(`${where}: crossing answered ${JSON.stringify(answer.body)}`);
      open.status = 'accepted';
      m.connected.add(pair(this.from, this.to));
      return;
    }
    const history = m.invitations.filter((i) => i.from === this.from && i.to === this.to);
    const forbidden = history.some((i) => i.status === 'declined' || i.status === 'reported');
    expectOneOf(where, answer, forbidden ? [409] : [201, 403, 409, 428, 429], SEND_REFUSALS);
    if (answer.status === 201) {
      m.invitations.push({ id: answer.body.invitation.id, from: this.from, to: this.to, addressGiven: this.withEmail, status: 'pending', createdAt: m.now, lastSentAt: m.now, resends: 0 });
    }
  }
}

/** Would the main door refuse S → R for who they are and what is between them (not for S's limits)? */
function refusedForPair(m: Model, from: number, to: number): boolean {
  const history = m.invitations.filter((i) => i.from === from && i.to === to);
  return (
    blockedEitherWay(m, from, to) ||
    m.connected.has(pair(from, to)) ||
    openBetween(m, from, to)?.from === from ||
    history.some((i) => i.status === 'declined' || i.status === 'reported')
  );
}

/** The sender's own invitation on this address that still reads "pending" to them. */
function openOnAddress(m: Model, from: number, to: number): boolean {
  return (
    m.parked.some((p) => p.from === from && p.to === to && p.status === 'pending') ||
    m.invitations.some((i) => i.addressGiven && i.from === from && i.to === to && ['pending', 'ignored', 'reported'].includes(i.status))
  );
}

class SendByAddress extends Step {
  constructor(server: number, readonly from: number, readonly to: number) {
    super(server);
  }
  override quotaOf() {
    return [this.from];
  }
  describe() {
    return `sendByAddress(${this.from}→address of ${this.to})`;
  }
  async act(m: Model, r: Real) {
    const answer = await r.h.call(this.server, 'POST', '/api/v1/invitations', r.members[this.from]!.token, { email: r.members[this.to]!.email });
    const where = this.toString();
    if (this.from === this.to) return expectOneOf(where, answer, [422], ['cannot_invite_self']);
    if (openOnAddress(m, this.from, this.to)) return expectOneOf(where, answer, [409, 428, 429], ['invitation_pending', 'quota_exceeded', 'captcha_required']);
    const open = openBetween(m, this.from, this.to);
    const crossing = m.verified.has(this.to) && open && open.from === this.to && !refusedForPair(m, this.from, this.to);
    expectOneOf(where, answer, crossing ? [200, 428, 429] : [201, 428, 429], ['quota_exceeded', 'captcha_required']);
    if (answer.status === 200) {
      open!.status = 'accepted';
      m.connected.add(pair(this.from, this.to));
      return;
    }
    if (answer.status !== 201) return;
    // The answer is the same whoever holds the address; the row says what became of it.
    if (answer.body.invitation.recipient !== null) throw new Error(`${where}: the answer shows who holds the address`);
    const row = await r.h.db.selectFrom('invitations').select(['recipient_id', 'dropped_at']).where('id', '=', Number(answer.body.invitation.id)).executeTakeFirstOrThrow();
    const reached = row.recipient_id !== null;
    if (!m.verified.has(this.to) && (reached || row.dropped_at !== null)) throw new Error(`${where}: an unproven address got the invitation (or it was dropped)`);
    if (reached && refusedForPair(m, this.from, this.to)) throw new Error(`${where}: reached a member the rules refuse`);
    if (reached) m.invitations.push({ id: answer.body.invitation.id, from: this.from, to: this.to, addressGiven: true, status: 'pending', createdAt: m.now, lastSentAt: m.now, resends: 0 });
    else m.parked.push({ id: answer.body.invitation.id, from: this.from, to: this.to, status: 'pending', dropped: row.dropped_at !== null, createdAt: m.now });
  }
}

class VerifyAddress extends Step {
  constructor(server: number, readonly member: number) {
    super(server);
  }
  describe() {
    return `verifyAddress(${this.member})`;
  }
  async act(m: Model, r: Real) {
    const member = r.members[this.member]!;
    const token = createLinkToken(r.secret, { purpose: 'verify_email', memberId: Number(member.id), subject: member.email, expiresAt: (await r.h.now(this.server)).getTime() + 30 * DAY_MS });
    const answer = await r.h.call(this.server, 'POST', '/api/v1/auth/verify-email', member.token, { token });
    const where = this.toString();
    expectOneOf(where, answer, [200]);
    const waiting = m.parked.filter((p) => p.to === this.member && p.status === 'pending' && !p.dropped);
    if (m.verified.has(this.member) && (waiting.length > 0 || answer.body.converted !== 0)) throw new Error(`${where}: a second proof converted ${answer.body.converted}`);
    m.verified.add(this.member);
    let reached = 0;
    for (const parked of waiting) {
      const row = await r.h.db.selectFrom('invitations').select(['recipient_id', 'status', 'dropped_at']).where('id', '=', Number(parked.id)).executeTakeFirstOrThrow();
      const open = openBetween(m, parked.from, this.member);
      if (row.recipient_id === null) {
        if (row.dropped_at === null) throw new Error(`${where}: #${parked.id} neither reached the member nor was dropped`);
        parked.dropped = true;
        continue;
      }
      reached++;
      m.parked = m.parked.filter((p) => p !== parked);
      if (refusedForPair(m, parked.from, this.member)) throw new Error(`${where}: #${parked.id} reached a member the rules refuse`);
      if (row.status === 'accepted') {
        // It crossed the member's own invitation to its sender: both accepted, the two connected.
        if (!open || open.from !== this.member) throw new Error(`${where}: #${parked.id} accepted without a crossing invitation`);
        open.status = 'accepted';
        m.connected.add(pair(parked.from, this.member));
        m.invitations.push({ id: parked.id, from: parked.from, to: this.member, addressGiven: true, status: 'accepted', createdAt: parked.createdAt, lastSentAt: parked.createdAt, resends: 0 });
      } else {
        if (row.status !== 'pending' || open) throw new Error(`${where}: #${parked.id} is ${row.status}, with ${open ? 'an open invitation' : 'nothing'} between the two`);
        m.invitations.push({ id: parked.id, from: parked.from, to: this.member, addressGiven: true, status: 'pending', createdAt: parked.createdAt, lastSentAt: parked.createdAt, resends: 0 });
      }
    }
    if (answer.body.converted !== reached) throw new Error(`${where}: answered converted ${answer.body.converted}, ${reached} reached the member`);
  }
}

type Answering = 'accept' | 'ignore' | 'decline' | 'report';

class Answer_ extends Step {
  constructor(server: number, readonly action: Answering, readonly invitation: number, readonly byRecipient: boolean, readonly reason: 'dont_know' | 'spam') {
    super(server);
  }
  override check(m: Readonly<Model>): boolean {
    return m.invitations.length > 0;
  }
  describe() {
    return `${this.action}(#${this.invitation}${this.byRecipient ? '' : ', by a third member'}${this.action === 'report' ? `, ${this.reason}` : ''})`;
  }
  async act(m: Model, r: Real) {
    const inv = nth(m, this.invitation)!;
    const actor = this.byRecipient ? inv.to : [0, 1, 2, 3].find((x) => x !== inv.to && x !== inv.from)!;
    const answer = await r.h.call(this.server, 'POST', `/api/v1/invitations/${inv.id}/${this.action}`, r.members[actor]!.token, this.action === 'report' ? { reason: this.reason } : undefined);
    const where = `${this.toString()} [${inv.from}→${inv.to} ${inv.status}]`;
    if (!this.byRecipient) return expectOneOf(where, answer, [403, 404]);
    const allowed = this.action === 'ignore' ? inv.status === 'pending' : OPEN.includes(inv.status);
    if (!allowed) return expectOneOf(where, answer, [404, 409], ['not_found', 'invalid_state']);
    expectOneOf(where, answer, [200]);
    inv.status = ({ accept: 'accepted', ignore: 'ignored', decline: 'declined', report: 'reported' } as const)[this.action];
    if (this.action === 'accept') m.connected.add(pair(inv.from, inv.to));
  }
}

class Withdraw extends Step {
  constructor(server: number, readonly invitation: number, readonly bySender: boolean) {
    super(server);
  }
  override check(m: Readonly<Model>): boolean {
    return m.invitations.length > 0;
  }
  describe() {
    return `withdraw(#${this.invitation}${this.bySender ? '' : ', by the recipient'})`;
  }
  async act(m: Model, r: Real) {
    const inv = nth(m, this.invitation)!;
    const answer = await r.h.call(this.server, 'POST', `/api/v1/invitations/${inv.id}/withdraw`, r.members[this.bySender ? inv.from : inv.to]!.token);
    const where = `${this.toString()} [${inv.from}→${inv.to} ${inv.status}]`;
    if (!this.bySender) return expectOneOf(where, answer, [403, 404]);
    if (!OPEN.includes(inv.status)) return expectOneOf(where, answer, [409], ['withdraw_unavailable']);
    expectOneOf(where, answer, [200]);
    inv.status = 'withdrawn';
  }
}

class Resend extends Step {
  constructor(server: number, readonly invitation: number) {
    super(server);
  }
  override check(m: Readonly<Model>): boolean {
    return m.invitations.length > 0;
  }
  describe() {
    return `resend(#${this.invitation})`;
  }
  async act(m: Model, r: Real) {
    const inv = nth(m, this.invitation)!;
    const answer = await r.h.call(this.server, 'POST', `/api/v1/invitations/${inv.id}/resend`, r.members[inv.from]!.token);
    const where = `${this.toString()} [${inv.from}→${inv.to} ${inv.status}, ${inv.resends} resends, ${(m.now - inv.lastSentAt) / DAY_MS} days since sent]`;
    const allowed = inv.status === 'pending' && inv.resends < (policy.maxResends ?? 2) && m.now - inv.lastSentAt >= (policy.resendMinDays ?? 3) * DAY_MS;
    if (!allowed) return expectOneOf(where, answer, [409], ['resend_unavailable']);
    expectOneOf(where, answer, [200]);
    inv.resends++;
    inv.lastSentAt = m.now;
  }
}

class RemoveConnection extends Step {
  constructor(server: number, readonly a: number, readonly b: number) {
    super(server);
  }
  override check(): boolean {
    return this.a !== this.b;
  }
  describe() {
    return `removeConnection(${this.a}, ${this.b})`;
  }
  async act(m: Model, r: Real) {
    const answer = await r.h.call(this.server, 'DELETE', `/api/v1/connections/${r.members[this.b]!.id}`, r.members[this.a]!.token);
    if (!m.connected.has(pair(this.a, this.b))) return expectOneOf(this.toString(), answer, [404], ['not_found']);
    expectOneOf(this.toString(), answer, [204]);
    m.connected.delete(pair(this.a, this.b));
  }
}

class Block extends Step {
  constructor(server: number, readonly a: number, readonly b: number) {
    super(server);
  }
  override check(): boolean {
    return this.a !== this.b;
  }
  describe() {
    return `block(${this.a} blocks ${this.b})`;
  }
  async act(m: Model, r: Real) {
    const answer = await r.h.call(this.server, 'POST', '/api/v1/blocks', r.members[this.a]!.token, { memberId: r.members[this.b]!.id });
    // Blocked by the other: the other does not exist for you, so blocking them is "not found" too.
    expectOneOf(this.toString(), answer, m.blocks.has(`${this.b}>${this.a}`) ? [204, 404] : [204]);
    if (answer.status !== 204) return;
    m.blocks.add(`${this.a}>${this.b}`);
    m.connected.delete(pair(this.a, this.b));
    for (const inv of m.invitations) {
      if (OPEN.includes(inv.status) && pair(inv.from, inv.to) === pair(this.a, this.b)) inv.status = 'withdrawn';
    }
  }
}

class Lift extends Step {
  constructor(server: number, readonly member: number) {
    super(server);
  }
  describe() {
    return `lift(${this.member})`;
  }
  async act(_m: Model, r: Real) {
    const answer = await r.h.call(this.server, 'POST', '/api/v1/me/standing/lift', r.members[this.member]!.token, { agree: true });
    expectOneOf(this.toString(), answer, [200, 409], ['not_restricted', 'standing_not_liftable']);
    if (answer.status === 200 && answer.body.standing.restricted !== false) throw new Error(`${this}: lifted but still restricted`);
  }
}

class Advance extends Step {
  constructor(readonly halfDays: number) {
    super(0);
  }
  override quotaOf() {
    return 'all' as const;
  }
  describe() {
    return `advance(${this.halfDays / 2} days)`;
  }
  async act(m: Model, r: Real) {
    await r.h.advance(this.halfDays * HALF_DAY);
    m.now += this.halfDays * HALF_DAY;
  }
}

class RunDue extends Step {
  describe() {
    return 'runDue()';
  }
  async act(m: Model, r: Real) {
    const answer = await r.h.call(this.server, 'POST', '/api/v1/_test/run-due', null);
    expectOneOf(this.toString(), answer, [200]);
    // Expiry is the only change run-due may make to a status: an open invitation past expiryDays.
    // (Invitations waiting on an address expire too, even in a run with no other invitation yet.)
    const rows = m.invitations.length === 0 ? [] : await r.h.db.selectFrom('invitations').select(['id', 'status']).where('id', 'in', m.invitations.map((i) => Number(i.id))).execute();
    const statusOf = new Map(rows.map((row: { id: number; status: string }) => [String(row.id), row.status]));
    for (const inv of m.invitations) {
      const actual = statusOf.get(inv.id);
      const due = m.now - inv.createdAt >= (policy.expiryDays ?? 180) * DAY_MS;
      if (OPEN.includes(inv.status) && due) {
        if (actual !== 'expired') throw new Error(`${this}: #${inv.id} is ${(m.now - inv.createdAt) / DAY_MS} days old and still ${actual}`);
        inv.status = 'expired';
      }
      if (actual !== inv.status) throw new Error(`${this}: #${inv.id} is ${actual} in the database, ${inv.status} in the model`);
    }
    if (m.parked.length === 0) return;
    const parkedRows = await r.h.db.selectFrom('invitations').select(['id', 'status']).where('id', 'in', m.parked.map((p) => Number(p.id))).execute();
    const parkedStatus = new Map(parkedRows.map((row: { id: number; status: string }) => [String(row.id), row.status]));
    for (const parked of m.parked) {
      if (parked.status === 'pending' && m.now - parked.createdAt >= (policy.expiryDays ?? 180) * DAY_MS) parked.status = 'expired';
      if (parkedStatus.get(parked.id) !== parked.status) throw new Error(`${this}: parked #${parked.id} is ${parkedStatus.get(parked.id)} in the database, ${parked.status} in the model`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Invariants, in SQL, after every command.

async function rowsOf<T>(db: Kysely<any>, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/**
 * Every query is scoped to this run's members (runs never touch each other's members), so the
 * cost of a check stays flat as runs accumulate rows; each run's rows were checked while current.
 */
async function checkInvariants(m: Model, r: Real, after: string, quotaOf: 'all' | number[]): Promise<void> {
  const db = r.h.db;
  const ids = r.members.map((x) => Number(x.id));
  const inRun = sql.join(ids);
  const fail = (what: string, detail: unknown) => {
    throw new Error(`invariant "${what}" broken after ${after}: ${JSON.stringify(detail)}\ncommands so far: ${r.log.join(', ')}`);
  };
  const twoOpen = await rowsOf(db, sql<{ a: number; b: number; n: number }>`
    select least(sender_id, recipient_id) as a, greatest(sender_id, recipient_id) as b, count(*)::int as n from invitations
    where status in ('pending', 'ignored') and recipient_id is not null and sender_id in (${inRun}) group by 1, 2 having count(*) > 1`);
  if (twoOpen.length) fail('at most one pending invitation per pair', twoOpen);

  const openButRefused = await rowsOf(db, sql`select i.id, i.sender_id, i.recipient_id from invitations i
    where i.status in ('pending', 'ignored') and i.recipient_id is not null and i.sender_id in (${inRun})
      and (exists (select 1 from blocks b where (b.blocker_id = i.sender_id and b.blocked_id = i.recipient_id) or (b.blocker_id = i.recipient_id and b.blocked_id = i.sender_id))
           or exists (select 1 from connections c where c.member_id = i.sender_id and c.other_id = i.recipient_id))`);
  if (openButRefused.length) fail('no open invitation between members blocked either way, or connected', openButRefused);

  const droppedButDelivered = await rowsOf(db, sql`select id from invitations where dropped_at is not null and recipient_id is not null and sender_id in (${inRun})`);
  if (droppedButDelivered.length) fail('a dropped invitation reaches nobody', droppedButDelivered);

  const oneWay = await rowsOf(db, sql`select c.member_id, c.other_id from connections c
    where (c.member_id in (${inRun}) or c.other_id in (${inRun})) and not exists (select 1 from connections d where d.member_id = c.other_id and d.other_id = c.member_id)`);
  if (oneWay.length) fail('every connection is two-way', oneWay);

  const unexplained = await rowsOf(db, sql`select c.member_id, c.other_id from connections c
    where c.member_id in (${inRun}) and c.member_id < c.other_id and not exists (
      select 1 from invitations i where i.status = 'accepted'
        and ((i.sender_id = c.member_id and i.recipient_id = c.other_id) or (i.sender_id = c.other_id and i.recipient_id = c.member_id)))`);
  if (unexplained.length) fail('every connection has an accepted invitation', unexplained);

  const miscounted = await rowsOf(db, sql`select m.id, m.connection_count, (select count(*)::int from connections c where c.member_id = m.id) as rows
    from members m where m.id in (${inRun}) and m.connection_count <> (select count(*) from connections c where c.member_id = m.id)`);
  if (miscounted.length) fail('members.connection_count equals the rows', miscounted);

  // Model and database agree on the connections of this run's members.
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const links = await rowsOf(db, sql<{ member_id: number; other_id: number }>`select member_id, other_id from connections where member_id in (${sql.join(ids)}) and member_id < other_id`);
  const actualPairs = new Set(links.map((l) => pair(indexOf.get(Number(l.member_id))!, indexOf.get(Number(l.other_id))!)));
  if ([...actualPairs].sort().join() !== [...m.connected].sort().join()) fail('connections match the model', { database: [...actualPairs], model: [...m.connected] });

  // Restrictions: a restricted member reached the report threshold since the last lift, or was restricted for low acceptance.
  const restricted = await rowsOf(db, sql<{ id: number; reason: string | null; reports: number }>`
    select m.id,
      (select e.reason from standing_events e where e.member_id = m.id and e.kind = 'restricted' order by e.id desc limit 1) as reason,
      (select count(*)::int from reports p where p.sender_id = m.id and (m.last_lift_at is null or p.created_at > m.last_lift_at)) as reports
    from members m where m.restricted_at is not null and m.id in (${sql.join(ids)})`);
  for (const row of restricted) {
    const ok = row.reason === 'low_acceptance' || (row.reason === 'reports' && row.reports >= (policy.reportRestrictThreshold ?? 5));
    if (!ok) fail('a restricted member has ≥ threshold reports since the last lift (or low acceptance)', row);
  }
  const restrictionCounts = await rowsOf(db, sql`select m.id, m.restriction_count,
      (select count(*)::int from standing_events e where e.member_id = m.id and e.kind = 'restricted') as events
    from members m where m.id in (${sql.join(ids)}) and m.restriction_count <> (select count(*) from standing_events e where e.member_id = m.id and e.kind = 'restricted')`);
  if (restrictionCounts.length) fail('restriction_count equals the restriction events', restrictionCounts);

  // No reminder once an invitation is no longer pending; never more than reminderDays.
  const reminderRows = await rowsOf(db, sql<{ id: number; status: string; reminders_sent: number }>`
    select id, status, reminders_sent from invitations where sender_id in (${sql.join(ids)})`);
  for (const row of reminderRows) {
    const before = r.reminders.get(String(row.id));
    if (before && before.status !== 'pending' && row.reminders_sent > before.sent) fail('no reminder after a non-pending state', { row, before });
    if (row.reminders_sent > (policy.reminderDays ?? [7, 14]).length) fail('at most one reminder per reminder day', row);
    r.reminders.set(String(row.id), { status: row.status, sent: row.reminders_sent });
  }

  // Quota counters: what GET /me says equals what the rows say, and no limit is ever exceeded.
  const whose = quotaOf === 'all' ? r.members.map((_, i) => i) : quotaOf;
  for (const i of whose) {
    const server = (i + m.invitations.length) % r.h.servers;
    const me = await r.h.call(server, 'GET', '/api/v1/me', r.members[i]!.token);
    expectOneOf(`GET /me of ${i} after ${after}`, me, [200]);
    const now = await r.h.now(server);
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const [counts] = await rowsOf(db, sql<{ lifetime: number; month: number; week: number; day: number }>`
      select count(*)::int as lifetime,
        (count(*) filter (where created_at >= ${monthStart}))::int as month,
        (count(*) filter (where created_at > ${new Date(now.getTime() - 7 * DAY_MS)}))::int as week,
        (count(*) filter (where created_at > ${new Date(now.getTime() - DAY_MS)}))::int as day
      from invitations where sender_id = ${Number(r.members[i]!.id)}`);
    const q = me.body.quota;
    const said = { lifetime: q.lifetimeUsed, month: q.monthlyUsed, week: q.weeklyUsed, day: q.sentLast24h };
    if (JSON.stringify(said) !== JSON.stringify(counts)) fail('quota counters from GET /me equal the rows', { member: i, me: said, rows: counts });
    if (q.lifetimeUsed > q.lifetimeAllotment || q.monthlyUsed > q.monthlyLimit || (q.weeklyLimit !== null && q.weeklyUsed > q.weeklyLimit)) fail('no quota is exceeded', { member: i, quota: q });
  }
}

// ---------------------------------------------------------------------------------------------

const member = fc.nat(MEMBERS - 1);
const server = fc.nat(2);
const invitation = fc.nat(40);
const note = fc.option(fc.constantFrom('Hello!', 'Met at the conference.\r\nLet us connect.', 'x'.repeat(41), '  '), { nil: undefined });
const commands = [
  fc.tuple(server, member, member, fc.boolean(), note).map(([s, a, b, e, n]) => new Send(s, a, b, e, n)),
  fc.tuple(server, member, member, fc.boolean(), note).map(([s, a, b, e, n]) => new Send(s, a, b, e, n)),
  fc.tuple(server, fc.constantFrom<Answering>('accept', 'accept', 'ignore', 'decline', 'report'), invitation, fc.boolean(), fc.constantFrom<'dont_know' | 'spam'>('dont_know', 'spam')).map(
    ([s, action, i, byRecipient, reason]) => new Answer_(s, action, i, byRecipient || action === 'accept', reason),
  ),
  fc.tuple(server, fc.constantFrom<Answering>('accept', 'ignore', 'decline', 'report'), invitation, fc.boolean(), fc.constantFrom<'dont_know' | 'spam'>('dont_know', 'spam')).map(
    ([s, action, i, byRecipient, reason]) => new Answer_(s, action, i, byRecipient, reason),
  ),
  fc.tuple(server, invitation, fc.boolean()).map(([s, i, bySender]) => new Withdraw(s, i, bySender)),
  fc.tuple(server, invitation).map(([s, i]) => new Resend(s, i)),
  fc.tuple(server, member, member).map(([s, a, b]) => new SendByAddress(s, a, b)),
  fc.tuple(server, member).map(([s, a]) => new VerifyAddress(s, a)),
  fc.tuple(server, member, member).map(([s, a, b]) => new RemoveConnection(s, a, b)),
  fc.tuple(server, member, member).map(([s, a, b]) => new Block(s, a, b)),
  fc.tuple(server, member).map(([s, a]) => new Lift(s, a)),
  fc.integer({ min: 1, max: 8 }).map((h) => new Advance(h)),
  server.map((s) => new RunDue(s)),
];

let harness: Harness;
let runNumber = 0;

/** Members for one run: inserted directly (no password hashing), each with a long-lived bearer token. */
async function newMembers(h: Harness): Promise<RealMember[]> {
  const now = await h.now(0);
  const run = ++runNumber;
  const members: RealMember[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const email = `model.${process.pid}.${run}.${i}@example.com`;
    const row = await h.db
      .insertInto('members')
      .values({ kind: 'person', email, email_normalized: email, password_hash: 'x', name: `Model ${run} ${'ABCD'[i]}`, created_at: now, manager_id: null, restricted_at: null, restriction_ends_at: null, last_lift_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db.insertInto('member_settings').values({ member_id: row.id, auto_withdraw_after_days: null }).execute();
    const issued = await issueToken(h.db, Number(row.id), 'bearer', now, 100 * 365 * DAY_MS);
    members.push({ id: String(row.id), token: issued.token, email });
  }
  return members;
}

describe('the invitation lifecycle against its model', () => {
  beforeAll(async () => {
    harness = base ? await processesHarness() : await inProcessHarness();
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
  });

  it(`keeps every invariant over ${RUNS} random command sequences`, async () => {
    const started = Date.now();
    let executed = 0;
    const seed = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined;
    const path = process.env.MODEL_PATH;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max' }), async (cmds) => {
        const real: Real = { h: harness, members: await newMembers(harness), secret: await loadServiceSecret(harness.db), reminders: new Map(), log: [] };
        const model: Model = { now: 0, invitations: [], parked: [], connected: new Set(), blocks: new Set(), verified: new Set() };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        executed += real.log.length;
      }),
      { numRuns: RUNS, verbose: 2, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}), endOnFailure: process.env.MODEL_SHRINK === '0' },
    );
    console.log(`model on ${harness.label}: ${RUNS} runs, ${executed} commands, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 3_600_000);
});
