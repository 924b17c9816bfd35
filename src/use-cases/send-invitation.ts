import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { checkNote } from '../domain/note.js';
import { decideSend } from '../domain/send-rules.js';
import type { Trx } from '../db/database.js';
import { findInvitationByIdempotencyKey } from '../db/repositories/invitation-writes.js';
import { lockPairWithMember } from '../db/repositories/invitations.js';
import { lockMember } from '../db/repositories/members.js';
import { inTransaction } from '../db/transaction.js';
import { acceptCrossing } from './accept-invitation.js';
import { checkCaptcha } from './captcha.js';
import { loadSendFactsFor } from './send-facts.js';
import { refusalError } from './send-refusals.js';
import { insertPending, spendCaptchaIfNeeded, type CheckedSend, type SendInput, type SendResult } from './send-pending.js';
import { sendToAddress } from './send-to-address.js';

export type { SendInput, SendResult } from './send-pending.js';

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
