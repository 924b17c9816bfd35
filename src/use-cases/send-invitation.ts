import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/member.js';
import { checkNote } from '../domain/note.js';
import { decideQuota, needsCaptcha } from '../domain/quota.js';
import { decideSend, type SendFacts, type SendRefusal } from '../domain/send-rules.js';
import { isRestricted } from '../domain/standing.js';
import type { Executor, Trx } from '../db/database.js';
import { emailHash } from '../db/repositories/contacts.js';
import { findInvitationByEmail, insertInvitation } from '../db/repositories/invitation-writes.js';
import { lockPair, lockPairWithMember } from '../db/repositories/invitations.js';
import { findMemberByEmail, lockMember } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { loadPairFacts, type PairFacts, type SendingMember } from '../db/repositories/send-facts.js';
import { countSends, grantedExtra } from '../db/repositories/send-counts.js';
import { standingStateOf } from '../db/repositories/standing.js';
import type { HowWeMet, InvitationRow, MemberRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { acceptWithin } from './accept-invitation.js';
import { checkCaptcha, newCaptchaChallenge, spendCaptcha, type CheckedCaptcha } from './captcha.js';

export interface SendInput {
  recipientId?: number | undefined;
  email?: string | undefined;
  note?: string | undefined;
  howWeMet?: HowWeMet | undefined;
  captcha?: string | undefined;
  source?: 'profile' | 'link' | 'import' | 'introduction';
  /** The request's Idempotency-Key: a retry of a send that committed before its answer was kept finds it. */
  idempotencyKey?: string | undefined;
}

export type SendResult =
  /** `members`, when given, are the invitation's parties as the send read them (the answer presents them). */
  | { kind: 'sent'; invitation: InvitationRow; members?: MemberRow[] }
  | { kind: 'crossing_accepted'; invitation: InvitationRow };

const notFound = () => new DomainError('not_found', 'No such member.');

/** The recipient's row, whether either blocked the other, and the facts of `decideSend`. */
export interface LoadedSendFacts {
  recipient: MemberRow;
  blocked: boolean;
  facts: SendFacts;
}

/**
 * Loads the facts of `decideSend` for a sender and a member recipient, with the recipient's row, in
 * one statement (`loadPairFacts`). Answers undefined when the recipient does not exist.
 */
export async function loadSendFactsFor(
  db: Executor,
  ctx: AppContext,
  sender: SendingMember,
  recipientId: number,
  email: string | undefined,
  captcha: CheckedCaptcha['state'],
): Promise<LoadedSendFacts | undefined> {
  const now = ctx.clock.now();
  const pair = await loadPairFacts(db, sender.id, recipientId, emailHash(ctx.secret, sender.email), now);
  return pair && sendFactsOf(sender, pair, email, captcha, now);
}

/** The facts of `decideSend` from what `loadPairFacts` read and the sender's row. */
export function sendFactsOf(sender: SendingMember, pair: PairFacts, email: string | undefined, captcha: CheckedCaptcha['state'], now: Date): LoadedSendFacts {
  const { recipient } = pair;
  return {
    recipient,
    blocked: pair.blocked,
    facts: {
      sender: {
        id: sender.id,
        kind: sender.kind,
        tier: sender.tier,
        restricted: isRestricted(standingStateOf(sender), now),
        grantedExtra: pair.grantedExtra,
        connectionCount: sender.connection_count,
      },
      recipient: { id: recipient.id, kind: recipient.kind, invitationsFrom: pair.invitationsFrom, connectionCount: recipient.connection_count },
      emailGiven: email !== undefined,
      emailMatches: email !== undefined && normalizeEmail(email) === recipient.email_normalized,
      senderInRecipientContacts: pair.inContacts,
      connected: pair.connected,
      withinSecondDegree: pair.connected || pair.shareAConnection,
      openInvitation: pair.open ? { id: pair.open.id, fromSender: pair.open.senderId === sender.id } : null,
      history: pair.history,
      counts: pair.counts,
      captcha,
    },
  };
}

/** Loads the facts of `decideSend` for a sender and a member recipient (one statement). */
export async function loadSendFacts(
  db: Executor,
  ctx: AppContext,
  sender: MemberRow,
  recipient: MemberRow,
  email: string | undefined,
  captcha: CheckedCaptcha['state'],
): Promise<SendFacts> {
  const loaded = await loadSendFactsFor(db, ctx, sender, recipient.id, email, captcha);
  if (!loaded) throw notFound();
  return loaded.facts;
}

const refusalMessages: Record<SendRefusal['code'], string> = {
  cannot_invite_self: 'You cannot invite yourself.',
  companies_cannot_connect: 'Company pages cannot connect; follow them instead.',
  already_connected: 'You are already connected.',
  invitation_pending: 'There is already an invitation waiting between you.',
  email_mismatch: "That is not this member's email address.",
  reinvite_forbidden: 'You cannot invite this member again.',
  reinvite_cooldown: 'You can invite this member again later.',
  recipient_not_accepting: 'This member only accepts invitations from people in their contacts.',
  email_required: "Enter this member's email address to invite them.",
  not_eligible: 'You can invite people within your 2nd-degree network, or anyone whose email address you know.',
  connection_limit_reached: 'The connection limit has been reached.',
  quota_exceeded: 'You have reached an invitation limit.',
  captcha_required: 'Solve the challenge to send more invitations today.',
  captcha_invalid: 'The challenge answer is not valid or was already used.',
};

export async function refusalError(ctx: AppContext, refusal: SendRefusal): Promise<DomainError> {
  const message = refusalMessages[refusal.code];
  switch (refusal.code) {
    case 'reinvite_cooldown':
      return new DomainError(refusal.code, message, { retryAfter: refusal.retryAfter.toISOString() });
    case 'quota_exceeded':
      return new DomainError(refusal.code, message, { limit: refusal.limit, resetAt: refusal.resetAt?.toISOString() ?? null });
    case 'captcha_required':
      return new DomainError(refusal.code, message, { challenge: await newCaptchaChallenge(ctx) });
    case 'email_required':
      return new DomainError(refusal.code, message, { reason: refusal.reason });
    case 'connection_limit_reached':
      return new DomainError(
        refusal.code,
        refusal.who === 'sender'
          ? `You have ${ctx.policy.maxConnections} connections, the most a member can have.`
          : `This member has ${ctx.policy.maxConnections} connections, the most a member can have; you can follow them.`,
        { who: refusal.who },
      );
    default:
      return new DomainError(refusal.code, message);
  }
}

/**
 * Sends an invitation to connect. The sender's row is locked for the transaction, so quotas and
 * the captcha threshold are exact however many processes send at once; the pair is locked too, so
 * crossing invitations connect the two instead of leaving two pending.
 */
export async function sendInvitation(ctx: AppContext, senderId: number, input: SendInput): Promise<SendResult> {
  const note = checkNote(input.note, ctx.policy);
  if (!note.ok) {
    if (note.code === 'note_too_long') {
      throw new DomainError('note_too_long', `A note can be ${note.max} characters at most; this one has ${note.length}.`, { max: note.max, length: note.length });
    }
    throw new DomainError('note_invalid', `The note cannot be sent: ${note.reason}.`);
  }
  if (input.recipientId === undefined && input.email === undefined) {
    throw new DomainError('validation_failed', 'Give recipientId, email, or both.');
  }
  const captcha = await checkCaptcha(ctx, input.captcha);

  return inTransaction(
    ctx.db,
    async (trx) => {
      const now = ctx.clock.now();
      if (input.idempotencyKey !== undefined) {
        const done = await trx.selectFrom('invitations').selectAll().where('sender_id', '=', senderId).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
        if (done) return { kind: 'sent', invitation: done };
      }
      if (input.recipientId === undefined) return sendByEmail(trx, ctx, senderId, input, note.note, captcha, now);
      const recipientId = input.recipientId;
      // The pair first, then the sender: two crossing sends queue on the pair and never hold each
      // other's rows. The pair is locked only when the recipient exists; an unknown member and one
      // behind a block answer the same 404 after this one statement.
      if (recipientId !== senderId && (await lockPairWithMember(trx, senderId, recipientId)) !== 'locked') throw notFound();
      const sender = await lockMember(trx, senderId);
      if (!sender) throw new DomainError('unauthorized', 'This account no longer exists.');
      // Every fact in one statement, read after both locks were granted.
      const loaded = await loadSendFactsFor(trx, ctx, sender, recipientId, input.email, captcha.state);
      if (!loaded) throw notFound();
      const { recipient, facts } = loaded;
      if (recipient.id !== sender.id && loaded.blocked) throw notFound(); // blocked while this send waited for its locks

      const decision = decideSend(facts, ctx.policy, now);
      if (!decision.ok) throw await refusalError(ctx, decision);
      if (decision.outcome === 'accept_crossing') {
        const accepted = await acceptWithin(trx, ctx, decision.invitationId, now, 'crossing');
        return { kind: 'crossing_accepted', invitation: accepted.invitation };
      }
      if (needsCaptcha(facts.counts, ctx.policy) && !(await spendCaptcha(trx, captcha.signature!, now))) {
        throw await refusalError(ctx, { code: 'captcha_invalid' });
      }
      const invitation = await insertPending(trx, sender.id, recipient.id, input.email, note.note, input, input.source ?? 'profile', now);
      return { kind: 'sent', invitation, members: [sender, recipient] };
    },
    { retryOnUniqueViolation: true },
  );
}

async function insertPending(
  trx: Trx,
  senderId: number,
  recipientId: number | null,
  email: string | undefined,
  note: string | null,
  input: SendInput,
  source: string,
  now: Date,
): Promise<InvitationRow> {
  const invitation = await insertInvitation(trx, {
    sender_id: senderId,
    recipient_id: recipientId,
    recipient_email: email?.trim() ?? null,
    recipient_email_normalized: email ? normalizeEmail(email) : null,
    note,
    how_we_met: input.howWeMet ?? null,
    status: 'pending',
    source,
    created_at: now,
    last_sent_at: now,
    viewed_at: null,
    responded_at: null,
    ignored_at: null,
    report_reason: null,
    idempotency_key: input.idempotencyKey ?? null,
  });
  await appendEvent(trx, 'invitation.sent', { invitationId: invitation.id, senderId, recipientId, ...(recipientId === null ? { recipientEmail: invitation.recipient_email_normalized } : {}) }, now);
  return invitation;
}

/**
 * An invitation addressed by email alone. The sender learns nothing about the address from the
 * answer: whether it belongs to nobody, to a member they may invite, to one who blocked them or
 * one they are already connected with, the answer is the same `201` with the invitation shown
 * by its address. A member they may invite gets a normal invitation; in every other case the
 * invitation waits on the address and goes nowhere. Only the sender's own limits (quota, captcha)
 * and their own earlier invitation to the same address are told.
 */
async function sendByEmail(
  trx: Trx,
  ctx: AppContext,
  senderId: number,
  input: SendInput,
  note: string | null,
  captcha: CheckedCaptcha,
  now: Date,
): Promise<SendResult> {
  const email = normalizeEmail(input.email!);
  const member = await findMemberByEmail(trx, email);
  if (member && member.id !== senderId) await lockPair(trx, senderId, member.id);
  const sender = await lockMember(trx, senderId);
  if (!sender) throw new DomainError('unauthorized', 'This account no longer exists.');
  if (email === sender.email_normalized) throw await refusalError(ctx, { code: 'cannot_invite_self' });
  if (sender.kind === 'company') throw await refusalError(ctx, { code: 'companies_cannot_connect' });
  if (await findInvitationByEmail(trx, sender.id, email)) throw await refusalError(ctx, { code: 'invitation_pending' });

  const [counts, extra] = await Promise.all([countSends(trx, sender.id, now), grantedExtra(trx, sender.id)]);
  const quota = decideQuota(counts, sender.tier, extra, ctx.policy, now);
  if (!quota.ok) throw await refusalError(ctx, { code: 'quota_exceeded', limit: quota.limit, resetAt: quota.resetAt });
  if (needsCaptcha(counts, ctx.policy)) {
    if (captcha.state === 'absent') throw await refusalError(ctx, { code: 'captcha_required' });
    if (captcha.state === 'invalid' || !(await spendCaptcha(trx, captcha.signature!, now))) throw await refusalError(ctx, { code: 'captcha_invalid' });
  }

  const loaded = member && member.id !== sender.id ? await loadSendFactsFor(trx, ctx, sender, member.id, input.email, captcha.state) : undefined;
  if (member && loaded && !loaded.blocked) {
    const facts = loaded.facts;
    const decision = decideSend({ ...facts, captcha: 'valid' }, ctx.policy, now);
    if (decision.ok && decision.outcome === 'accept_crossing') {
      const accepted = await acceptWithin(trx, ctx, decision.invitationId, now, 'crossing');
      return { kind: 'crossing_accepted', invitation: accepted.invitation };
    }
    if (decision.ok) return { kind: 'sent', invitation: await insertPending(trx, sender.id, member.id, input.email, note, input, 'email', now) };
  }
  return { kind: 'sent', invitation: await insertPending(trx, sender.id, null, input.email, note, input, 'email', now) };
}
