import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decideSend, decideSendToAddress, resolveAddressSend } from '../domain/send-rules.js';
import type { Trx } from '../db/database.js';
import { findInvitationByEmail } from '../db/repositories/invitation-writes.js';
import { lockPair } from '../db/repositories/invitations.js';
import { normalizeEmail } from '../domain/member.js';
import { findMemberByProvenEmail, lockMember } from '../db/repositories/members.js';
import { countSends, grantedExtra } from '../db/repositories/send-counts.js';
import { acceptCrossing } from './accept-invitation.js';
import { loadSendFactsFor } from './send-facts.js';
import { refusalError } from './send-refusals.js';
import { insertPending, spendCaptchaIfNeeded, type CheckedSend, type SendResult } from './send-pending.js';

/**
 * The address door: an invitation addressed by email alone. The sender learns nothing about the
 * address from the answer. First `decideSendToAddress` decides what the sender already knows —
 * their own address, their kind, their earlier invitation to it, their limits — and only that can
 * be refused. Then, when a member has proven the address is theirs, `decideSend` decides for that
 * member exactly as the main door would (the send is counted already) and `resolveAddressSend`
 * reads the outcome: the invitation reaches them, accepts the one they sent the other way, or is
 * dropped silently. With no proven owner it waits on the address: a join mail goes to it, and when
 * someone proves the address, the verification door decides again (`convertParkedInvitations`).
 */
export async function sendToAddress(trx: Trx, ctx: AppContext, senderId: number, send: CheckedSend, now: Date): Promise<SendResult> {
  const email = normalizeEmail(send.input.email!);
  const owner = await findMemberByProvenEmail(trx, email);
  const ownerId = owner && owner.id !== senderId ? owner.id : null;
  if (ownerId !== null) await lockPair(trx, senderId, ownerId);
  const sender = await lockMember(trx, senderId);
  if (!sender) throw new DomainError('unauthorized', 'This account no longer exists.');

  // The owner's facts come with the sender's counts in one statement; with no owner, the counts alone.
  const loaded = ownerId === null ? undefined : await loadSendFactsFor(trx, ctx, sender, ownerId, send.input.email, send.captcha.state, 'already_counted');
  const [counts, extra] = loaded ? [loaded.facts.counts, loaded.facts.sender.grantedExtra] : await Promise.all([countSends(trx, sender.id, now), grantedExtra(trx, sender.id)]);
  const decision = decideSendToAddress(
    {
      sender: { kind: sender.kind, tier: sender.tier, grantedExtra: extra, connectionCount: sender.connection_count },
      ownAddress: email === sender.email_normalized,
      openOnAddress: (await findInvitationByEmail(trx, sender.id, email)) !== undefined,
      counts,
      captcha: send.captcha.state,
    },
    ctx.policy,
    now,
  );
  if (!decision.ok) throw await refusalError(ctx, decision);
  await spendCaptchaIfNeeded(trx, ctx, counts, send.captcha, now);

  const sending = { senderId: sender.id, send, source: 'email', now };
  if (!loaded) return { kind: 'sent', invitation: await insertPending(trx, { ...sending, recipientId: null }) };
  const resolved = resolveAddressSend(decideSend(loaded.facts, ctx.policy, now));
  switch (resolved.outcome) {
    case 'accept_crossing': {
      const accepted = await acceptCrossing(trx, ctx, resolved.invitationId, now);
      return { kind: 'crossing_accepted', invitation: accepted.invitation };
    }
    case 'invite':
      return { kind: 'sent', invitation: await insertPending(trx, { ...sending, recipientId: loaded.recipient.id }) };
    case 'drop':
      return { kind: 'sent', invitation: await insertPending(trx, { ...sending, recipientId: null, dropped: true }) };
  }
}
