import type { AppContext } from '../context.js';
import { decideRestriction, restrictionEndsAt } from '../domain/standing.js';
import { acceptanceOf } from '../domain/standing-rules.js';
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
  const tally = await loadAnswerTally(trx, sender, now, ctx.policy.lowAcceptance?.minDecided ?? 0, { memberReports: ctx.policy.memberReportsCountTowardStanding });
  const reason = decideRestriction(standingStateOf(sender), tally, ctx.policy, now);
  if (!reason) return;
  await restrictMember(trx, senderId, now, restrictionEndsAt(ctx.policy, now), sender.restriction_count + 1);
  await recordStandingEvent(trx, senderId, 'restricted', reason, null, now);
  // The numbers behind the decision travel with the event, so the mail tells the real reason.
  const acceptance = acceptanceOf(tally.recentAnswers.slice(0, ctx.policy.lowAcceptance?.minDecided ?? 0));
  await appendEvent(
    trx,
    'member.restricted',
    {
      memberId: senderId,
      reason,
      restrictionCount: sender.restriction_count + 1,
      reportsSinceLift: tally.reportsSinceLift,
      threshold: ctx.policy.reportRestrictThreshold,
      accepted: acceptance.accepted,
      decided: acceptance.decided,
      minAcceptRate: ctx.policy.lowAcceptance?.minAcceptRate ?? null,
    },
    now,
  );
}
