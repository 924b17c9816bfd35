import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decideGrant, decideSelfLift, isRestricted, reportWindowStart } from '../domain/standing.js';
import { startOfUtcMonth } from '../domain/clock.js';
import { decideAllotmentRequest } from '../domain/allotment-requests.js';
import type { Trx } from '../db/database.js';
import type { KeysetCursor } from '../db/keyset.js';
import { findMemberById, lockMember } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { countReportsSince, liftRestriction, recordStandingEvent, standingStateOf } from '../db/repositories/standing.js';
import {
  countGrantedSince,
  denyPendingAllotmentRequest,
  grantOldestPendingRequest,
  insertAllotmentGrant,
  insertAllotmentRequest,
  listMemberAllotmentRequests,
} from '../db/repositories/allotments.js';
import { inTransaction } from '../db/transaction.js';

async function lift(trx: Trx, memberId: number, actorId: number, reason: string, now: Date): Promise<void> {
  await liftRestriction(trx, memberId, now);
  await recordStandingEvent(trx, memberId, 'lifted', reason, actorId, now);
  await appendEvent(trx, 'member.lifted', { memberId, by: reason }, now);
}

/** The member lifts their own first restriction by agreeing to invite only people they know. */
export async function liftOwnRestriction(ctx: AppContext, memberId: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const member = await lockMember(trx, memberId);
    if (!member) throw new DomainError('unauthorized', 'This account no longer exists.');
    const decision = decideSelfLift(standingStateOf(member), now);
    if (!decision.ok) {
      throw new DomainError(
        decision.code,
        decision.code === 'not_restricted' ? 'Your account is not restricted.' : 'This restriction can only be lifted by an administrator.',
      );
    }
    await lift(trx, memberId, memberId, 'self', now);
  });
}

/** An administrator lifts any restriction. */
export async function liftRestrictionAsAdmin(ctx: AppContext, adminId: number, memberId: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const member = await lockMember(trx, memberId);
    if (!member) throw new DomainError('not_found', 'No such member.');
    if (!isRestricted(standingStateOf(member), now)) throw new DomainError('not_restricted', 'This member is not restricted.');
    await lift(trx, memberId, adminId, 'admin', now);
  });
}

/**
 * The member asks an administrator for more invitations. Not while flagged as a spammer
 * (`decideAllotmentRequest`): nothing could be granted to them.
 */
export async function requestAllotment(ctx: AppContext, memberId: number, reason: string) {
  const now = ctx.clock.now();
  const member = await findMemberById(ctx.db, memberId);
  if (!member) throw new DomainError('unauthorized', 'This account no longer exists.');
  const reportsInWindow = await countReportsSince(ctx.db, memberId, reportWindowStart(now, ctx.policy));
  const decision = decideAllotmentRequest({ restricted: isRestricted(standingStateOf(member), now), reportsInWindow }, ctx.policy);
  if (!decision.ok) throw new DomainError('member_flagged', 'Your account is restricted or was reported often recently, so more invitations cannot be granted now.');
  return insertAllotmentRequest(ctx.db, memberId, reason, now);
}

/** The member's own requests for more invitations, newest first (`limit` rows before the keyset position `before`). */
export async function listOwnAllotmentRequests(ctx: AppContext, memberId: number, page: { limit: number; before: KeysetCursor | null }) {
  return listMemberAllotmentRequests(ctx.db, memberId, page.limit, page.before);
}

/**
 * An administrator adds invitations to a member's lifetime allotment, within `grantMaxPerMonth`,
 * never for a member flagged for spam. Grants the member's oldest pending request, if any.
 */
export async function grantAllotment(ctx: AppContext, adminId: number, memberId: number, count: number): Promise<{ granted: number; remainingThisMonth: number }> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const member = await lockMember(trx, memberId);
    if (!member) throw new DomainError('not_found', 'No such member.');
    const [reportsInWindow, grantedThisMonth] = await Promise.all([
      countReportsSince(trx, memberId, reportWindowStart(now, ctx.policy)),
      countGrantedSince(trx, memberId, startOfUtcMonth(now)),
    ]);
    const decision = decideGrant(
      { restricted: isRestricted(standingStateOf(member), now), reportsInWindow, grantedThisMonth, count },
      ctx.policy,
    );
    if (!decision.ok) {
      throw decision.code === 'member_flagged'
        ? new DomainError('member_flagged', 'This member is restricted or was reported often recently; no invitations can be granted.')
        : new DomainError('grant_limit_exceeded', `At most ${ctx.policy.grantMaxPerMonth} invitations can be granted to one member a month.`, {
            remaining: decision.remaining ?? 0,
          });
    }
    await insertAllotmentGrant(trx, memberId, count, adminId, now);
    const request = await grantOldestPendingRequest(trx, memberId, adminId, count, now);
    await appendEvent(trx, 'allotment.granted', { memberId, count, requestId: request?.id ?? null, reason: request?.reason ?? null }, now);
    return { granted: count, remainingThisMonth: ctx.policy.grantMaxPerMonth - grantedThisMonth - count };
  });
}

/** An administrator denies a pending request; the member is told (`allotment.denied`). */
export async function denyAllotmentRequest(ctx: AppContext, adminId: number, requestId: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const denied = await denyPendingAllotmentRequest(trx, requestId, adminId, now);
    if (!denied) throw new DomainError('invalid_state', 'This request is not pending.');
    await appendEvent(trx, 'allotment.denied', { memberId: denied.memberId, requestId, reason: denied.reason }, now);
  });
}
