import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { statusesAllowing } from '../domain/invitation-state.js';
import type { Trx } from '../db/database.js';
import { connect } from '../db/repositories/connections.js';
import { lockInvitation, transitionInvitation } from '../db/repositories/invitations.js';
import { appendEvents } from '../db/repositories/outbox.js';
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
  return connectAccepted(trx, ctx, invitation, now, how);
}

/** The rest of an accept, once the conditional update moved the invitation (or found it no longer open). */
async function connectAccepted(trx: Trx, ctx: AppContext, invitation: InvitationRow | undefined, now: Date, how: 'accepted' | 'crossing'): Promise<Accepted> {
  if (!invitation || invitation.recipient_id === null) throw new DomainError('invalid_state', 'This invitation is no longer open.');
  const outcome = await connect(trx, invitation.sender_id, invitation.recipient_id, now, ctx.policy.maxConnections);
  if (outcome === 'at_cap') {
    throw new DomainError('connection_limit_reached', `One of you already has ${ctx.policy.maxConnections} connections, the most a member can have.`);
  }
  const accepted = { topic: 'invitation.accepted' as const, payload: { invitationId: invitation.id, senderId: invitation.sender_id, recipientId: invitation.recipient_id, how } };
  await appendEvents(trx, outcome === 'connected' ? [accepted, { topic: 'connection.created', payload: { a: invitation.sender_id, b: invitation.recipient_id } }] : [accepted], now);
  return { invitation, connectedAt: now };
}

/**
 * The recipient accepts: both become 1st-degree connections and the sender is told. The common case
 * is one conditional update that checks the recipient too; when it moves nothing, the invitation is
 * read (locked) to answer exactly why: not theirs or withdrawn (404), or no longer open (409).
 */
export async function acceptInvitation(ctx: AppContext, recipientId: number, invitationId: number): Promise<Accepted> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const moved = await transitionInvitation(trx, invitationId, statusesAllowing('accept'), 'accepted', now, {}, { recipientId });
    if (moved) return connectAccepted(trx, ctx, moved, now, 'accepted');
    const invitation = await lockInvitation(trx, invitationId);
    invitationForRecipient(invitation, recipientId);
    return acceptWithin(trx, ctx, invitationId, now, 'accepted');
  });
}
