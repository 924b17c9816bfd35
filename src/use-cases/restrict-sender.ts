import type { AppContext } from '../context.js';
import { decideRestriction, restrictionEndsAt } from '../domain/standing.js';
import type { Trx } from '../db/database.js';
import { lockMember } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { loadAnswerTally, recordStandingEvent, restrictMember, standingStateOf } from '../db/repositories/standing.js';

/**
 * Re-evaluates a sender's standing after a recipient answered one of their invitations. The
 * sender's row is locked, so two reports landing at the threshold restrict once.
 */
export async function reviewSenderStanding(trx: Trx, ctx: AppContext, senderId: number, now: Date): Promise<void> {
  const sender = await lockMember(trx, senderId);
  if (!sender) return;
  const tally = await loadAnswerTally(trx, sender, now, ctx.policy.lowAcceptance?.minDecided ?? 0);
  const reason = decideRestriction(standingStateOf(sender), tally, ctx.policy, now);
  if (!reason) return;
  await restrictMember(trx, senderId, now, restrictionEndsAt(ctx.policy, now), sender.restriction_count + 1);
  await recordStandingEvent(trx, senderId, 'restricted', reason, null, now);
  await appendEvent(trx, 'member.restricted', { memberId: senderId, reason, restrictionCount: sender.restriction_count + 1, reportsSinceLift: tally.reportsSinceLift }, now);
}
