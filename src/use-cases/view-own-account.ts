import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { quotaOf, type Quota } from '../domain/quota.js';
import { isRestricted, standingOf } from '../domain/standing.js';
import { visibleStanding, type VisibleStanding } from '../domain/standing-rules.js';
import type { Executor } from '../db/database.js';
import { findMemberById } from '../db/repositories/members.js';
import { loadProfileParts, type ProfileParts } from '../db/repositories/profiles.js';
import { grantedExtra, countSends } from '../db/repositories/send-counts.js';
import { loadSettings, type MemberSettings } from '../db/repositories/settings.js';
import { latestRestrictionReason, loadAnswerTally, standingStateOf } from '../db/repositories/standing.js';
import type { MemberRow } from '../db/schema.js';

export interface OwnAccount {
  member: MemberRow;
  parts: ProfileParts;
  settings: MemberSettings;
  quota: Quota;
  standing: VisibleStanding;
}

/** Standing as the member sees it: every rule that can restrict them, how close each is, and why a restriction began. */
export async function loadStanding(db: Executor, ctx: AppContext, member: MemberRow): Promise<VisibleStanding> {
  const now = ctx.clock.now();
  const state = standingStateOf(member);
  const restricted = isRestricted(state, now);
  const [tally, reason] = await Promise.all([
    loadAnswerTally(db, member, now, ctx.policy.lowAcceptance?.minDecided ?? 0, { memberReports: ctx.policy.memberReportsCountTowardStanding }),
    restricted ? latestRestrictionReason(db, member.id) : null,
  ]);
  return visibleStanding(standingOf(state, tally.reportsSinceLift, ctx.policy, now), tally, reason, ctx.policy);
}

export async function loadQuota(db: Executor, ctx: AppContext, member: MemberRow): Promise<Quota> {
  const now = ctx.clock.now();
  const [counts, extra] = await Promise.all([countSends(db, member.id, now), grantedExtra(db, member.id)]);
  return quotaOf(counts, member.tier, extra, ctx.policy, now);
}

/** Everything `GET /me` shows: profile, settings, every quota counter and standing. */
export async function viewOwnAccount(ctx: AppContext, memberId: number): Promise<OwnAccount> {
  const member = await findMemberById(ctx.db, memberId);
  if (!member) throw new DomainError('unauthorized', 'This account no longer exists.');
  const [parts, settings, quota, standing] = await Promise.all([
    loadProfileParts(ctx.db, memberId),
    loadSettings(ctx.db, memberId),
    loadQuota(ctx.db, ctx, member),
    loadStanding(ctx.db, ctx, member),
  ]);
  return { member, parts, settings, quota, standing };
}
