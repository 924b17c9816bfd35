import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { checkNote } from '../domain/note.js';
import { needsCaptcha } from '../domain/quota.js';
import { decideSend } from '../domain/send-rules.js';
import type { Trx } from '../db/database.js';
import { findInvitationByIdempotencyKey, insertInvitation } from '../db/repositories/invitation-writes.js';
import { lockPairWithMember } from '../db/repositories/invitations.js';
import { normalizeEmail } from '../domain/member.js';
import { lockMember } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { HowWeMet, InvitationRow, MemberRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { acceptCrossing } from './accept-invitation.js';
import { checkCaptcha, spendCaptcha, type CheckedCaptcha } from './captcha.js';
import { loadSendFactsFor } from './send-facts.js';
import { refusalError } from './send-refusals.js';
import { sendToAddress } from './send-to-address.js';

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

/** A send as the doors pass it on: the note checked, the captcha read. */
export interface CheckedSend {
  input: SendInput;
  note: string | null;
  captcha: CheckedCaptcha;
}

const notFound = () => new DomainError('not_found', 'No such member.');

/**
 * Sends an invitation to connect, to a member by id or to an address. Both doors ask the same
 * decision (`decideSend`; an address first asks `decideSendToAddress`). The sender's row is locked
 * for the transaction, so quotas and the captcha threshold are exact however many processes send
 * at once; the pair is locked too, so crossing invitations connect the two instead of leaving two
 * pending.
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
  const send: CheckedSend = { input, note: note.note, captcha: await checkCaptcha(ctx, input.captcha) };

  return inTransaction(
    ctx.db,
    async (trx) => {
      const now = ctx.clock.now();
      if (input.idempotencyKey !== undefined) {
        const done = await findInvitationByIdempotencyKey(trx, senderId, input.idempotencyKey);
        if (done) return { kind: 'sent', invitation: done };
      }
      if (input.recipientId === undefined) return sendToAddress(trx, ctx, senderId, send, now);
      return sendToMember(trx, ctx, senderId, input.recipientId, send, now);
    },
    { retryOnUniqueViolation: true },
  );
}

/** The main door: an invitation to a member by id (with their address, when the sender knows it). */
async function sendToMember(trx: Trx, ctx: AppContext, senderId: number, recipientId: number, send: CheckedSend, now: Date): Promise<SendResult> {
  // The pair first, then the sender: two crossing sends queue on the pair and never hold each
  // other's rows. The pair is locked only when the recipient exists; an unknown member and one
  // behind a block answer the same 404 after this one statement.
  if (recipientId !== senderId && (await lockPairWithMember(trx, senderId, recipientId)) !== 'locked') throw notFound();
  const sender = await lockMember(trx, senderId);
  if (!sender) throw new DomainError('unauthorized', 'This account no longer exists.');
  // Every fact in one statement, read after both locks were granted (a block made while this
  // send waited for its locks is among them).
  const loaded = await loadSendFactsFor(trx, ctx, sender, recipientId, send.input.email, send.captcha.state);
  if (!loaded) throw notFound();
  const { recipient, facts } = loaded;

  const decision = decideSend(facts, ctx.policy, now);
  if (!decision.ok) throw await refusalError(ctx, decision);
  if (decision.outcome === 'accept_crossing') {
    const accepted = await acceptCrossing(trx, ctx, decision.invitationId, now);
    return { kind: 'crossing_accepted', invitation: accepted.invitation };
  }
  await spendCaptchaIfNeeded(trx, ctx, facts.counts, send.captcha, now);
  const invitation = await insertPending(trx, { senderId: sender.id, recipientId: recipient.id, send, source: send.input.source ?? 'profile', now });
  return { kind: 'sent', invitation, members: [sender, recipient] };
}

/** Past the daily threshold the solved challenge is spent with the send, so it works once. */
export async function spendCaptchaIfNeeded(trx: Trx, ctx: AppContext, counts: Parameters<typeof needsCaptcha>[0], captcha: CheckedCaptcha, now: Date): Promise<void> {
  if (needsCaptcha(counts, ctx.policy) && !(await spendCaptcha(trx, captcha.signature!, now))) {
    throw await refusalError(ctx, { code: 'captcha_invalid' });
  }
}

/**
 * Writes a new pending invitation and its `invitation.sent` event. `recipientId` null parks it on
 * the address; `dropped` marks one the rules will deliver to nobody (`resolveAddressSend`).
 */
export async function insertPending(
  trx: Trx,
  sending: { senderId: number; recipientId: number | null; send: CheckedSend; source: string; now: Date; dropped?: boolean },
): Promise<InvitationRow> {
  const { senderId, recipientId, send, source, now } = sending;
  const email = send.input.email;
  const invitation = await insertInvitation(trx, {
    sender_id: senderId,
    recipient_id: recipientId,
    recipient_email: email?.trim() ?? null,
    recipient_email_normalized: email ? normalizeEmail(email) : null,
    note: send.note,
    how_we_met: send.input.howWeMet ?? null,
    status: 'pending',
    source,
    created_at: now,
    last_sent_at: now,
    viewed_at: null,
    responded_at: null,
    ignored_at: null,
    report_reason: null,
    idempotency_key: send.input.idempotencyKey ?? null,
    dropped_at: sending.dropped ? now : null,
  });
  await appendEvent(trx, 'invitation.sent', { invitationId: invitation.id, senderId, recipientId, ...(recipientId === null ? { recipientEmail: invitation.recipient_email_normalized } : {}) }, now);
  return invitation;
}
