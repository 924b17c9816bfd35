import { addDays } from './clock.js';
import type { Policy } from './policy.js';

/** A member's standing as stored: when the current restriction began and ends, and its history. */
export interface StandingState {
  restrictedAt: Date | null;
  restrictionEndsAt: Date | null;
  restrictionCount: number;
  lastLiftAt: Date | null;
}

/** The API's `standing` (API.md). */
export interface Standing {
  restricted: boolean;
  reports: number;
  restrictionCount: number;
  canSelfLift: boolean;
  threshold: number;
  restrictedAt: string | null;
  restrictionEndsAt: string | null;
}

export function isRestricted(state: StandingState, now: Date): boolean {
  if (state.restrictedAt === null) return false;
  return state.restrictionEndsAt === null || state.restrictionEndsAt > now;
}

/**
 * Reports and answers count from the last time a restriction ended: a lift, or a timed
 * restriction running out.
 */
export function countingSince(state: StandingState, now: Date): Date | null {
  const endedByTime = state.restrictionEndsAt !== null && state.restrictionEndsAt <= now ? state.restrictionEndsAt : null;
  if (state.lastLiftAt && endedByTime) return state.lastLiftAt > endedByTime ? state.lastLiftAt : endedByTime;
  return state.lastLiftAt ?? endedByTime;
}

/** Only the first restriction may be lifted by the member; later ones need an admin. */
export function canSelfLift(state: StandingState, now: Date): boolean {
  return isRestricted(state, now) && state.restrictionCount <= 1;
}

export function standingOf(state: StandingState, reportsSinceLift: number, policy: Policy, now: Date): Standing {
  const restricted = isRestricted(state, now);
  return {
    restricted,
    reports: reportsSinceLift,
    restrictionCount: state.restrictionCount,
    canSelfLift: canSelfLift(state, now),
    threshold: policy.reportRestrictThreshold,
    restrictedAt: restricted ? state.restrictedAt!.toISOString() : null,
    restrictionEndsAt: restricted && state.restrictionEndsAt ? state.restrictionEndsAt.toISOString() : null,
  };
}

/** What recipients have done with a sender's invitations since standing was last reset. */
export interface AnswerTally {
  reportsSinceLift: number;
  /** The sender's most recent answered invitations, newest first, at most `minDecided` of them. */
  recentAnswers: readonly ('accepted' | 'not_accepted')[];
}

export type RestrictionReason = 'reports' | 'low_acceptance';

/**
 * Should this sender be restricted now? Either `reportRestrictThreshold` "I don't know" and spam
 * reports since the last lift, or — with `lowAcceptance` set — at least `minDecided` answered
 * invitations of which fewer than `minAcceptRate` were accepted.
 */
export function decideRestriction(state: StandingState, tally: AnswerTally, policy: Policy, now: Date): RestrictionReason | null {
  if (isRestricted(state, now)) return null;
  if (tally.reportsSinceLift >= policy.reportRestrictThreshold) return 'reports';
  const low = policy.lowAcceptance;
  if (low && tally.recentAnswers.length >= low.minDecided) {
    const considered = tally.recentAnswers.slice(0, low.minDecided);
    const accepted = considered.filter((answer) => answer === 'accepted').length;
    if (accepted / considered.length < low.minAcceptRate) return 'low_acceptance';
  }
  return null;
}

/** When a restriction that starts now ends by itself (`restrictionDays`), or null: only a lift ends it. */
export function restrictionEndsAt(policy: Policy, now: Date): Date | null {
  return policy.restrictionDays === null ? null : addDays(now, policy.restrictionDays);
}

export type LiftDecision = { ok: true } | { ok: false; code: 'not_restricted' | 'standing_not_liftable' };

export function decideSelfLift(state: StandingState, now: Date): LiftDecision {
  if (!isRestricted(state, now)) return { ok: false, code: 'not_restricted' };
  if (!canSelfLift(state, now)) return { ok: false, code: 'standing_not_liftable' };
  return { ok: true };
}

export type GrantDecision = { ok: true } | { ok: false; code: 'member_flagged' | 'grant_limit_exceeded'; remaining?: number };

/** Where the window a grant counts a member's reports in (`reportWindowDays`) begins. */
export function reportWindowStart(now: Date, policy: Policy): Date {
  return addDays(now, -policy.reportWindowDays);
}

/**
 * May an admin add `count` invitations to a member's allotment? Not for a member who is
 * restricted now or was reported `reportRestrictThreshold` times in the last `reportWindowDays`
 * (`reportsInWindow`, counted from `reportWindowStart`), and no more than `grantMaxPerMonth` a
 * calendar month.
 */
export function decideGrant(
  facts: { restricted: boolean; reportsInWindow: number; grantedThisMonth: number; count: number },
  policy: Policy,
): GrantDecision {
  if (facts.restricted || facts.reportsInWindow >= policy.reportRestrictThreshold) return { ok: false, code: 'member_flagged' };
  const remaining = policy.grantMaxPerMonth - facts.grantedThisMonth;
  if (facts.count > remaining) return { ok: false, code: 'grant_limit_exceeded', remaining: Math.max(0, remaining) };
  return { ok: true };
}
