import type { Policy } from './policy.js';
import type { AnswerTally, RestrictionReason, Standing } from './standing.js';

/** The report rule as the member sees it: reports since the last lift against the threshold. */
export interface ReportRule {
  count: number;
  threshold: number;
  /** More reports that would restrict the member now (0: the rule is met). */
  left: number;
  warning: boolean;
}

/** The low-acceptance rule as the member sees it, over their most recent answered invitations. */
export interface AcceptanceRule {
  /** Answered invitations counted (the most recent, at most `minDecided`). */
  decided: number;
  accepted: number;
  /** accepted / decided, or null before any answer. */
  rate: number | null;
  minDecided: number;
  minAcceptRate: number;
  /** More answers without an accept that would restrict the member now; null: none could. */
  left: number | null;
  warning: boolean;
}

export interface StandingRules {
  reports: ReportRule;
  /** null when the policy turns the low-acceptance rule off. */
  acceptance: AcceptanceRule | null;
}

/** `standing` as the API shows it: API.md's fields, the rules that can restrict, and why a restriction began. */
export interface VisibleStanding extends Standing {
  restrictionReason: RestrictionReason | null;
  rules: StandingRules;
  /** The rules the member is close to meeting (see `standingWarnWithin`); empty while restricted. */
  warnings: RestrictionReason[];
}

export function reportsUntilRestriction(reports: number, policy: Pick<Policy, 'reportRestrictThreshold'>): number {
  return Math.max(0, policy.reportRestrictThreshold - reports);
}

export function acceptanceOf(answers: AnswerTally['recentAnswers']): { decided: number; accepted: number; rate: number | null } {
  const accepted = answers.filter((answer) => answer === 'accepted').length;
  return { decided: answers.length, accepted, rate: answers.length === 0 ? null : accepted / answers.length };
}

/**
 * How many more answers without an accept would make `decideRestriction` restrict for low
 * acceptance: each new answer enters the window of the last `minDecided` and pushes the oldest
 * out. 0 when the rule is met now; null when no run of answers can meet it (`minAcceptRate` 0).
 */
export function answersUntilLowAcceptance(recentAnswers: AnswerTally['recentAnswers'], low: NonNullable<Policy['lowAcceptance']>): number | null {
  for (let more = 0; more <= low.minDecided; more++) {
    const window = [...Array<'not_accepted'>(more).fill('not_accepted'), ...recentAnswers].slice(0, low.minDecided);
    if (window.length < low.minDecided) continue;
    if (acceptanceOf(window).accepted / window.length < low.minAcceptRate) return more;
  }
  return null;
}

/**
 * Every rule that can restrict the member, with a warning when a rule is `standingWarnWithin`
 * reports or unaccepted answers away from restricting. A restricted member gets no warning: the
 * restriction itself is what they see.
 */
export function standingRulesOf(tally: AnswerTally, restricted: boolean, policy: Policy): StandingRules {
  const within = policy.standingWarnWithin;
  const reportsLeft = reportsUntilRestriction(tally.reportsSinceLift, policy);
  const reports: ReportRule = {
    count: tally.reportsSinceLift,
    threshold: policy.reportRestrictThreshold,
    left: reportsLeft,
    warning: !restricted && reportsLeft <= within.reports,
  };
  const low = policy.lowAcceptance;
  if (!low) return { reports, acceptance: null };
  const considered = tally.recentAnswers.slice(0, low.minDecided);
  const answersLeft = answersUntilLowAcceptance(considered, low);
  return {
    reports,
    acceptance: {
      ...acceptanceOf(considered),
      minDecided: low.minDecided,
      minAcceptRate: low.minAcceptRate,
      left: answersLeft,
      warning: !restricted && answersLeft !== null && answersLeft <= within.answers,
    },
  };
}

export function visibleStanding(standing: Standing, tally: AnswerTally, restrictionReason: RestrictionReason | null, policy: Policy): VisibleStanding {
  const rules = standingRulesOf(tally, standing.restricted, policy);
  const warnings: RestrictionReason[] = [];
  if (rules.reports.warning) warnings.push('reports');
  if (rules.acceptance?.warning) warnings.push('low_acceptance');
  return { ...standing, restrictionReason: standing.restricted ? restrictionReason : null, rules, warnings };
}
