import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { statusesAllowing } from '../domain/invitation-state.js';
import type { Trx } from '../db/database.js';
import { connect } from '../db/repositories/connections.js';
import { lockInvitation, transitionInvitation } from '../db/repositories/invitations.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { InvitationRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { invitationForRecipient } from './invitation-access.js';

export interface Accepted {
  invitation: InvitationRow;
  connectedAt: Date;
}

/**
 * Accepts an open invitation inside the caller's transaction: a conditional update (so a doubled
 * accept connects once), the two-way connection within `maxConnections`, and the events.
 */
export async function acceptWithin(trx: Trx, ctx: AppContext, invitationId: number, now: Date, how: 'accepted' | 'crossing'): Promise<Accepted> {
  const invitation = await transitionInvitation(trx, invitationId, statusesAllowing('accept'), 'accepted', now);
  if (!invitation || invitation.recipient_id === null) throw new DomainError('invalid_state', 'This invitation is no longer open.');
  const outcome = await connect(trx, invitation.sender_id, invitation.recipient_id, now, ctx.policy.maxConnections);
  if (outcome === 'at_cap') {
    throw new DomainError('connection_limit_reached', `One of you already has ${ctx.policy.maxConnections} connections, the most a member can have.`);
  }
  await appendEvent(trx, 'invitation.accepted', { invitationId: invitation.id, senderId: invitation.sender_id, recipientId: invitation.recipient_id, how }, now);
  if (outcome === 'connected') {
    await appendEvent(trx, 'connection.created', { a: invitation.sender_id, b: invitation.recipient_id }, now);
  }
  return { invitation, connectedAt: now };
}

/** The recipient accepts: both become 1st-degree connections and the sender is told. */
export async function acceptInvitation(ctx: AppContext, recipientId: number, invitationId: number): Promise<Accepted> {
  return inTransaction(ctx.db, async (trx) => {
    const invitation = await lockInvitation(trx, invitationId);
    invitationForRecipient(invitation, recipientId);
    return acceptWithin(trx, ctx, invitationId, ctx.clock.now(), 'accepted');
  });
}
