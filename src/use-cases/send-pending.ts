import type { AppContext } from '../context.js';
import { normalizeEmail } from '../domain/member.js';
import { needsCaptcha, type SendCounts } from '../domain/quota.js';
import type { Trx } from '../db/database.js';
import { insertInvitation } from '../db/repositories/invitation-writes.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { HowWeMet, InvitationRow, MemberRow } from '../db/schema.js';
import { spendCaptcha } from '../db/repositories/captcha.js';
import type { CheckedCaptcha } from './captcha.js';
import { refusalError } from './send-refusals.js';

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

/** Past the daily threshold the solved challenge is spent with the send, so it works once. */
export async function spendCaptchaIfNeeded(trx: Trx, ctx: AppContext, counts: SendCounts, captcha: CheckedCaptcha, now: Date): Promise<void> {
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
  // An invite-me link carries its owner's address so that the send counts as knowing it; the
  // visitor never saw it, so it is not kept on the invitation.
  const email = source === 'link' ? undefined : send.input.email;
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
