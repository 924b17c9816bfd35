import type { AppContext } from '../context.js';
import { decideConnection } from '../domain/connection-rules.js';
import { DomainError } from '../domain/errors.js';
import { decideTransition, statusesAllowing, type InvitationAction, type TransitionActor } from '../domain/invitation-state.js';
import type { Trx } from '../db/database.js';
import { insertConnection, lockConnectingMembers } from '../db/repositories/connections.js';
import { writeInvitationStatus, type StatusChange } from '../db/repositories/invitation-status.js';
import { lockInvitation, lockInvitationsSkippingLocked } from '../db/repositories/invitations.js';
import { deleteInvitationNotifications, markInvitationNotificationsRead } from '../db/repositories/invitation-notifications.js';
import { appendEvents, type EventTopic } from '../db/repositories/outbox.js';
import type { InvitationRow, ReportReason } from '../db/schema.js';
import { invitationForRecipient, invitationForSender } from './invitation-access.js';

/** Why the service itself changes an invitation, or how an accept came about; carried in the event. */
export type TransitionCause = 'crossing' | 'block' | 'expiry' | 'auto_withdraw' | 'account_closed';

export type TransitionBy =
  /** One of the two members, acting on their own invitation (checked: anyone else gets `not_found`). */
  | { role: 'recipient' | 'sender'; memberId: number }
  /** The service: a crossing send, a block, expiry, a closing account, or the sender's auto-withdraw setting. */
  | { role: 'service' | 'sender_setting'; cause: TransitionCause };

export interface TransitionRequest {
  action: InvitationAction;
  by: TransitionBy;
  now: Date;
  /** With `report`: "I don't know this person" or spam. */
  reason?: ReportReason;
}

const TOPICS: Record<InvitationAction, EventTopic> = {
  accept: 'invitation.accepted',
  ignore: 'invitation.ignored',
  decline: 'invitation.declined',
  report: 'invitation.reported',
  withdraw: 'invitation.withdrawn',
  expire: 'invitation.expired',
};

const REFUSALS: Record<InvitationAction, string> = {
  accept: 'This invitation is no longer open.',
  ignore: 'it can no longer be answered',
  decline: 'it can no longer be answered',
  report: 'it can no longer be answered',
  withdraw: 'This invitation cannot be withdrawn',
  expire: 'This invitation can no longer expire.',
};

/**
 * The one transition of an invitation: every change of `invitations.status` goes through here.
 * It loads the invitation under its row lock, checks it belongs to the member who asks, asks the
 * domain (`decideTransition`: the transition table and the withdraw-after-viewed rule), writes the
 * change conditionally, connects the two on an accept (`decideConnection`), and appends the
 * outbox event — all in the caller's transaction.
 *
 * A recipient's accept first tries the conditional update alone (status and recipient checked in
 * the statement, which is what the lock and the table would check): the common case then costs
 * one statement, and only a refused accept reads the row to say why.
 */
export async function transitionInvitation(trx: Trx, ctx: AppContext, invitationId: number, request: TransitionRequest): Promise<InvitationRow> {
  if (request.action === 'accept' && request.by.role === 'recipient') {
    const [moved] = await writeInvitationStatus(trx, [invitationId], statusesAllowing('accept'), changeFor(request, 'accepted'), request.by.memberId);
    if (moved) return afterTransition(trx, ctx, [moved], request).then(([row]) => row!);
  }
  const locked = await lockInvitation(trx, invitationId);
  const current = ownedBy(locked, request.by);
  const decision = decideTransition({ status: current.status, viewedAt: current.viewed_at }, request.action, actorOf(request.by), ctx.policy);
  if (!decision.ok) throw refusal(request.action, decision.code, current, decision.reason);
  const [moved] = await writeInvitationStatus(trx, [current.id], [current.status], changeFor(request, decision.to));
  if (!moved) throw refusal(request.action, 'invalid_state', current, 'it changed meanwhile');
  const [row] = await afterTransition(trx, ctx, [moved], request);
  return row!;
}

/**
 * The same transition for many invitations at once (expiry, auto-withdraw): those another
 * transaction holds are skipped, those the domain refuses are left as they are. Answers the
 * invitations it moved.
 */
export async function transitionInvitations(trx: Trx, ctx: AppContext, ids: readonly number[], request: TransitionRequest & { by: { role: 'service' | 'sender_setting' } }): Promise<InvitationRow[]> {
  const rows = await lockInvitationsSkippingLocked(trx, ids);
  const byTarget = new Map<string, number[]>();
  for (const row of rows) {
    const decision = decideTransition({ status: row.status, viewedAt: row.viewed_at }, request.action, actorOf(request.by), ctx.policy);
    if (!decision.ok) continue;
    const key = `${row.status}>${decision.to}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), row.id]);
  }
  const moved: InvitationRow[] = [];
  for (const [key, group] of byTarget) {
    const [from, to] = key.split('>') as [InvitationRow['status'], InvitationRow['status']];
    moved.push(...(await writeInvitationStatus(trx, group, [from], changeFor(request, to))));
  }
  return afterTransition(trx, ctx, moved, request);
}

function actorOf(by: TransitionBy): TransitionActor {
  return by.role === 'sender_setting' ? 'sender' : by.role;
}

function ownedBy(invitation: InvitationRow | undefined, by: TransitionBy): InvitationRow {
  if (by.role === 'recipient') return invitationForRecipient(invitation, by.memberId);
  if (by.role === 'sender') return invitationForSender(invitation, by.memberId);
  if (!invitation) throw new DomainError('not_found', 'No such invitation.');
  return invitation;
}

function changeFor(request: TransitionRequest, to: InvitationRow['status']): StatusChange {
  return {
    status: to,
    responded_at: request.now,
    ...(request.action === 'ignore' ? { ignored_at: request.now } : {}),
    ...(request.action === 'report' && request.reason ? { report_reason: request.reason } : {}),
    ...('cause' in request.by && request.by.cause === 'account_closed' ? { ended_by_closure: true } : {}),
  };
}

function refusal(action: InvitationAction, code: 'invalid_state' | 'withdraw_unavailable' | 'forbidden', current: InvitationRow, reason: string): DomainError {
  if (code === 'withdraw_unavailable') return new DomainError(code, `${REFUSALS.withdraw}: ${reason}.`);
  if (code === 'forbidden') return new DomainError(code, `You cannot do this: ${reason}.`);
  if (action === 'accept' || action === 'expire') return new DomainError(code, REFUSALS[action]);
  return new DomainError(code, `This invitation is ${current.status}; ${REFUSALS[action]}.`);
}

/** An accept connects the two (or refuses, rolling the accept back); every transition appends its event. */
async function afterTransition(trx: Trx, ctx: AppContext, moved: readonly InvitationRow[], request: TransitionRequest): Promise<InvitationRow[]> {
  const events: Parameters<typeof appendEvents>[1][number][] = [];
  for (const invitation of moved) {
    const parties = { invitationId: invitation.id, senderId: invitation.sender_id, recipientId: invitation.recipient_id };
    if (request.action === 'accept') {
      const created = await connectParties(trx, ctx, invitation, request.now);
      const how = request.by.role === 'service' ? 'crossing' : 'accepted';
      events.push({ topic: TOPICS.accept, payload: { ...parties, how } });
      if (created) events.push({ topic: 'connection.created', payload: { a: invitation.sender_id, b: invitation.recipient_id } });
      continue;
    }
    const cause = 'cause' in request.by ? request.by.cause : undefined;
    events.push({
      topic: TOPICS[request.action],
      payload: {
        ...parties,
        ...(request.action === 'report' && request.reason ? { reason: request.reason } : {}),
        ...(cause && cause !== 'expiry' ? { cause } : {}),
        ...(cause === 'auto_withdraw' ? { auto: true } : {}),
      },
    });
  }
  await appendEvents(trx, events, request.now);
  await settleRecipientNotifications(trx, moved, request);
  return [...moved];
}

/**
 * The recipient's "invited you" notification follows the invitation: once answered it is read; once
 * withdrawn or expired it is gone, both alike, so nothing in the bell tells a withdrawal from an expiry.
 */
async function settleRecipientNotifications(trx: Trx, moved: readonly InvitationRow[], request: TransitionRequest): Promise<void> {
  const byRecipient = new Map<number, number[]>();
  for (const invitation of moved) {
    if (invitation.recipient_id === null) continue;
    byRecipient.set(invitation.recipient_id, [...(byRecipient.get(invitation.recipient_id) ?? []), invitation.id]);
  }
  const lapsed = request.action === 'withdraw' || request.action === 'expire';
  for (const [recipientId, ids] of byRecipient) {
    if (lapsed) await deleteInvitationNotifications(trx, recipientId, ids);
    else await markInvitationNotificationsRead(trx, recipientId, ids, request.now);
  }
}

/** The two parties of an accepted invitation become connections, if the connection rule allows. Answers whether a connection was made. */
async function connectParties(trx: Trx, ctx: AppContext, invitation: InvitationRow, now: Date): Promise<boolean> {
  if (invitation.recipient_id === null) throw new DomainError('invalid_state', 'This invitation is no longer open.');
  const { members, connected } = await lockConnectingMembers(trx, invitation.sender_id, invitation.recipient_id);
  if (members.length < 2) throw new DomainError('not_found', 'No such member.');
  const decision = decideConnection(members, connected, ctx.policy);
  if (!decision.ok) {
    throw decision.code === 'companies_cannot_connect'
      ? new DomainError(decision.code, 'Company pages cannot connect; follow them instead.')
      : new DomainError(decision.code, `One of you already has ${ctx.policy.maxConnections} connections, the most a member can have.`);
  }
  if (decision.outcome === 'already_connected') return false;
  await insertConnection(trx, invitation.sender_id, invitation.recipient_id, now);
  return true;
}
