import type { AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import type { InvitationRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { transitionInvitation } from './invitation-transition.js';

export interface Accepted {
  invitation: InvitationRow;
  connectedAt: Date;
}

/**
 * A crossing send accepts the invitation waiting the other way, inside the caller's transaction:
 * the service accepts on the recipient's behalf, through the one transition.
 */
export async function acceptCrossing(trx: Trx, ctx: AppContext, invitationId: number, now: Date): Promise<Accepted> {
  const invitation = await transitionInvitation(trx, ctx, invitationId, { action: 'accept', by: { role: 'service', cause: 'crossing' }, now });
  return { invitation, connectedAt: now };
}

/**
 * The recipient accepts: both become 1st-degree connections (if the connection rule allows) and
 * the sender is told. A doubled accept connects once: the transition's update is conditional.
 */
export async function acceptInvitation(ctx: AppContext, recipientId: number, invitationId: number): Promise<Accepted> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const invitation = await transitionInvitation(trx, ctx, invitationId, { action: 'accept', by: { role: 'recipient', memberId: recipientId }, now });
    return { invitation, connectedAt: now };
  });
}
