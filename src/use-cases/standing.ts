import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decideGrant, decideSelfLift, isRestricted, reportWindowStart } from '../domain/standing.js';
import { startOfUtcMonth } from '../domain/clock.js';
import type { Trx } from '../db/database.js';
import { lockMember } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { countReportsSince, standingStateOf } from '../db/repositories/standing.js';
import { inTransaction } from '../db/transaction.js';

async function lift(trx: Trx, memberId: number, actorId: number, reason: string, now: Date): Promise<void> {
  await trx.updateTable('members').set({ restricted_at: null, restriction_ends_at: null, last_lift_at: now }).where('id', '=', memberId).execute();
  await trx.insertInto('standing_events').values({ member_id: memberId, kind: 'lifted', reason, actor_id: actorId, created_at: now }).execute();
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

export async function requestAllotment(ctx: AppContext, memberId: number, reason: string) {
  return ctx.db
    .insertInto('allotment_requests')
    .values({ member_id: memberId, reason, created_at: ctx.clock.now(), decided_at: null, decided_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
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
    const [reportsInWindow, grantedRow] = await Promise.all([
      countReportsSince(trx, memberId, reportWindowStart(now, ctx.policy)),
      trx
        .selectFrom('allotment_grants')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('total'))
        .where('member_id', '=', memberId)
        .where('created_at', '>=', startOfUtcMonth(now))
        .executeTakeFirstOrThrow(),
    ]);
    const grantedThisMonth = Number(grantedRow.total);
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
    await trx.insertInto('allotment_grants').values({ member_id: memberId, count, granted_by: adminId, created_at: now }).execute();
    const oldest = await trx
      .selectFrom('allotment_requests')
      .select('id')
      .where('member_id', '=', memberId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    if (oldest) await trx.updateTable('allotment_requests').set({ status: 'granted', decided_at: now, decided_by: adminId }).where('id', '=', oldest.id).execute();
    return { granted: count, remainingThisMonth: ctx.policy.grantMaxPerMonth - grantedThisMonth - count };
  });
}

export async function denyAllotmentRequest(ctx: AppContext, adminId: number, requestId: number): Promise<void> {
  const updated = await ctx.db
    .updateTable('allotment_requests')
    .set({ status: 'denied', decided_at: ctx.clock.now(), decided_by: adminId })
    .where('id', '=', requestId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new DomainError('invalid_state', 'This request is not pending.');
}
