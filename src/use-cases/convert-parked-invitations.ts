import type { AppContext } from '../context.js';
import { normalizeEmail } from '../domain/member.js';
import { decideSend, resolveAddressSend } from '../domain/send-rules.js';
import type { Trx } from '../db/database.js';
import { addressParkedInvitation, dropParkedInvitation, findParkedOnAddress, lockPair } from '../db/repositories/invitations.js';
import { findMembersByIds, grantAdminRole, markMemberEmailVerified } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { acceptCrossing } from './accept-invitation.js';
import { transitionInvitation } from './invitation-transition.js';
import { loadSendFactsFor } from './send-facts.js';

/**
 * The verification door: a member proves their address, and every invitation that waited on it is
 * decided again, as the address door decides one for a member (`decideSend` for the pair, the send
 * counted already, read by `resolveAddressSend`), under the pair's lock:
 * - one the rules allow becomes a pending invitation to them, with its note and date, and its
 *   notification and mail;
 * - one that crosses an invitation the member sent its sender connects the two (both accepted);
 * - any other is dropped silently — it reaches nobody and reads "pending" to its sender.
 * An address listed in `RAPPORT_ADMIN_EMAILS` makes its member an admin here, and nowhere else.
 * Nothing here can make the verification fail. Answers how many reached the member.
 */
export async function markEmailVerified(trx: Trx, ctx: AppContext, memberId: number, email: string, now: Date): Promise<number> {
  const parked = await findParkedOnAddress(trx, normalizeEmail(email), memberId);
  const senders = new Map((await findMembersByIds(trx, [...new Set(parked.map((invitation) => invitation.sender_id))])).map((sender) => [sender.id, sender]));
  // The pairs before the member's row, in one order: a send between the two takes its pair first too.
  for (const senderId of [...senders.keys()].sort((a, b) => a - b)) await lockPair(trx, senderId, memberId);
  await markMemberEmailVerified(trx, memberId, now);
  // The one place admin rights from `RAPPORT_ADMIN_EMAILS` are granted: when the address is proven.
  if (ctx.adminEmails.has(normalizeEmail(email))) await grantAdminRole(trx, memberId);

  let reached = 0;
  for (const invitation of parked) {
    const sender = senders.get(invitation.sender_id)!;
    const loaded = await loadSendFactsFor(trx, ctx, sender, memberId, invitation.recipient_email ?? email, 'absent', 'already_counted');
    const resolved = loaded ? resolveAddressSend(decideSend(loaded.facts, ctx.policy, now)) : ({ outcome: 'drop' } as const);
    switch (resolved.outcome) {
      case 'invite': {
        const addressed = await addressParkedInvitation(trx, invitation.id, memberId);
        if (!addressed) break;
        await appendEvent(trx, 'invitation.sent', { invitationId: addressed.id, senderId: addressed.sender_id, recipientId: memberId, converted: true }, now);
        reached++;
        break;
      }
      case 'accept_crossing': {
        // The member had invited the sender: their invitation is accepted, and so is the sender's.
        await acceptCrossing(trx, ctx, resolved.invitationId, now);
        if (await addressParkedInvitation(trx, invitation.id, memberId)) {
          await transitionInvitation(trx, ctx, invitation.id, { action: 'accept', by: { role: 'service', cause: 'crossing' }, now });
        }
        reached++;
        break;
      }
      case 'drop':
        await dropParkedInvitation(trx, invitation.id, now);
        break;
    }
  }
  return reached;
}
