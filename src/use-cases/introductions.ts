import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { checkIntroductionNote, decideIntroductionRequest, nextIntroductionStatus, type IntroductionRefusal } from '../domain/introductions.js';
import type { Policy } from '../domain/policy.js';
import { findMemberKind, isBlockedAmong, lockMember } from '../db/repositories/members.js';
import {
  countOpenIntroductionsBetween,
  findIntroduction,
  insertIntroduction,
  listIntroductionsOf,
  lockIntroduction,
  setIntroductionStatus,
} from '../db/repositories/introductions.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { IntroductionsTable } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { areConnected } from '../graph/sql-graph.js';
import { introductionsAskedThisMonth } from '../db/repositories/monthly-usage.js';
import type { Selectable } from 'kysely';
import { acceptInvitation } from './accept-invitation.js';
import { sendInvitation } from './send-invitation.js';

export type Introduction = Selectable<IntroductionsTable>;

const refusals: Record<IntroductionRefusal, string> = {
  cannot_introduce_self: 'An introduction needs three different people.',
  not_found: 'No such member.',
  not_connected_to_introducer: 'You can only ask your own connections for an introduction.',
  introducer_not_connected_to_target: 'Your connection is not connected with this member.',
  already_connected: 'You are already connected with this member.',
  introduction_pending: 'An introduction between you two is already under way.',
  introduction_limit_reached: 'You have used all your introduction requests for this month.',
};

function cleanMessage(text: string, field: string, policy: Policy): string {
  const checked = checkIntroductionNote(text, policy);
  if (!checked.ok) throw new DomainError('validation_failed', `${field}: ${checked.code === 'note_too_long' ? `${checked.max} characters at most` : checked.reason}.`);
  if (checked.note === null) throw new DomainError('validation_failed', `${field}: is empty.`);
  return checked.note;
}

/** Asks a 1st-degree connection to introduce you to one of their connections. */
export async function requestIntroduction(
  ctx: AppContext,
  requesterId: number,
  input: { introducerId: number; targetId: number; messageToIntroducer: string; messageToTarget: string },
): Promise<Introduction> {
  const messageToIntroducer = cleanMessage(input.messageToIntroducer, 'messageToIntroducer', ctx.policy);
  const messageToTarget = cleanMessage(input.messageToTarget, 'messageToTarget', ctx.policy);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const requester = await lockMember(trx, requesterId);
    if (!requester) throw new DomainError('unauthorized', 'This account no longer exists.');
    const [target, introducer] = await Promise.all([
      findMemberKind(trx, input.targetId),
      findMemberKind(trx, input.introducerId),
    ]);
    if (!target || !introducer || target.kind === 'company') throw new DomainError('not_found', 'No such member.');
    const [toIntroducer, introducerToTarget, toTarget, blocked, started, open] = await Promise.all([
      areConnected(trx, requesterId, input.introducerId),
      areConnected(trx, input.introducerId, input.targetId),
      areConnected(trx, requesterId, input.targetId),
      isBlockedAmong(trx, [requesterId, input.introducerId, input.targetId]),
      introductionsAskedThisMonth(trx, requesterId, now),
      countOpenIntroductionsBetween(trx, requesterId, input.targetId),
    ]);
    const decision = decideIntroductionRequest(
      {
        requesterId,
        introducerId: input.introducerId,
        targetId: input.targetId,
        requesterTier: requester.tier,
        requesterConnectedToIntroducer: toIntroducer,
        introducerConnectedToTarget: introducerToTarget,
        requesterConnectedToTarget: toTarget,
        blocked,
        startedThisMonth: started,
        openBetween: open > 0,
      },
      ctx.policy,
    );
    if (!decision.ok) throw new DomainError(decision.code, refusals[decision.code], decision.limit !== undefined ? { limit: decision.limit } : {});
    const row = await insertIntroduction(trx, { requesterId, introducerId: input.introducerId, targetId: input.targetId, messageToIntroducer, messageToTarget }, now);
    await appendEvent(trx, 'introduction.requested', { introductionId: row.id, requesterId, introducerId: input.introducerId, targetId: input.targetId }, now);
    return row;
  });
}

function roleIn(introduction: Introduction | undefined, memberId: number): 'requester' | 'introducer' | 'target' {
  if (introduction?.requester_id === memberId) return 'requester';
  if (introduction?.introducer_id === memberId) return 'introducer';
  // The target sees an introduction only once it was forwarded to them.
  if (introduction?.target_id === memberId && introduction.status !== 'requested' && introduction.status !== 'declined') return 'target';
  throw new DomainError('not_found', 'No such introduction.');
}

export async function findIntroductionFor(ctx: AppContext, memberId: number, id: number): Promise<{ introduction: Introduction; role: 'requester' | 'introducer' | 'target' }> {
  const introduction = await findIntroduction(ctx.db, id);
  return { introduction: introduction!, role: roleIn(introduction, memberId) };
}

/** The introducer passes the request on (with a note of their own) or declines it — silently to the target. */
export async function decideIntroduction(ctx: AppContext, introducerId: number, id: number, action: 'forward' | 'decline', note?: string): Promise<Introduction> {
  const cleanNote = note === undefined ? null : cleanMessage(note, 'note', ctx.policy);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const current = await lockIntroduction(trx, id);
    const role = roleIn(current, introducerId);
    const next = nextIntroductionStatus(current!.status, action, role);
    if (!next) throw new DomainError(role === 'introducer' ? 'invalid_state' : 'forbidden', role === 'introducer' ? 'This introduction was already answered.' : 'Only the introducer can do this.');
    const row = await setIntroductionStatus(trx, id, next, now, action === 'forward' ? cleanNote : undefined);
    await appendEvent(trx, action === 'forward' ? 'introduction.forwarded' : 'introduction.declined', { introductionId: id, requesterId: row.requester_id, introducerId, targetId: row.target_id }, now);
    return row;
  });
}

/**
 * The target connects with the requester in one step: the requester's invitation is sent (every
 * rule and quota applies) and accepted at once.
 */
export async function connectThroughIntroduction(ctx: AppContext, targetId: number, id: number): Promise<Introduction> {
  const { introduction, role } = await findIntroductionFor(ctx, targetId, id);
  if (nextIntroductionStatus(introduction.status, 'connect', role) === null) {
    throw new DomainError(role === 'target' ? 'invalid_state' : 'forbidden', role === 'target' ? 'This introduction was already answered.' : 'Only the member introduced to can do this.');
  }
  const sent = await sendInvitation(ctx, introduction.requester_id, { recipientId: targetId, note: introduction.message_to_target, source: 'introduction' });
  if (sent.kind === 'sent') await acceptInvitation(ctx, targetId, sent.invitation.id);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const row = await setIntroductionStatus(trx, id, 'connected', now);
    await appendEvent(trx, 'introduction.connected', { introductionId: id, requesterId: row.requester_id, targetId }, now);
    return row;
  });
}

export async function listIntroductions(ctx: AppContext, memberId: number, role: 'requester' | 'introducer' | 'target'): Promise<Introduction[]> {
  return listIntroductionsOf(ctx.db, memberId, role);
}
