import type { Standing } from '../../../ui/api-types.js';
import { plural } from '../../../ui/format.js';

type Rules = Standing['rules'];
type AcceptanceRule = NonNullable<Rules['acceptance']>;

export const percent = (rate: number): string => `${Math.round(rate * 100)}%`;

/** "1 of your last 4 answered invitations accepted (25%)" — or that nothing has been answered yet. */
export function acceptanceSummary(rule: AcceptanceRule): string {
  if (rule.decided === 0 || rule.rate === null) return 'None of your invitations has been answered yet.';
  return `${rule.accepted} of your last ${plural(rule.decided, 'answered invitation')} accepted (${percent(rule.rate)}).`;
}

/** The rule itself, with the policy's numbers. */
export function acceptanceRuleSentence(rule: AcceptanceRule): string {
  return `If fewer than ${percent(rule.minAcceptRate)} of your last ${rule.minDecided} answered invitations are accepted, your account is restricted. Ignored, declined and reported invitations count as not accepted.`;
}

/** What a warning says: how close each rule is, in reports or answers. */
export function reportsWarning(rule: Rules['reports']): string {
  return rule.left === 0
    ? `Recipients have reported ${rule.count} of your invitations: the limit is ${rule.threshold}.`
    : `Recipients have reported ${rule.count} of your invitations as unwanted. ${rule.left === 1 ? 'One more report' : `${rule.left} more reports`} and your account is restricted (the limit is ${rule.threshold}).`;
}

export function acceptanceWarning(rule: AcceptanceRule): string {
  const more = rule.left === 1 ? 'one more invitation' : `${rule.left} more invitations`;
  return `${acceptanceSummary(rule)} If ${more} ${rule.left === 1 ? 'goes' : 'go'} unaccepted, your account is restricted (at least ${percent(rule.minAcceptRate)} of your last ${rule.minDecided} answered invitations must be accepted).`;
}

/** Why the current restriction began, with the numbers now. */
export function restrictionReasonSentence(standing: Standing): string {
  const acceptance = standing.rules.acceptance;
  if (standing.restrictionReason === 'low_acceptance' && acceptance) {
    return `Too few of your invitations were accepted: ${acceptanceSummary(acceptance).replace(/\.$/, '')}, below the ${percent(acceptance.minAcceptRate)} needed over your last ${acceptance.minDecided} answered invitations.`;
  }
  if (standing.restrictionReason === 'reports') {
    return `Recipients reported ${standing.rules.reports.count} of your invitations as unwanted; the limit is ${standing.rules.reports.threshold}.`;
  }
  return 'Your account was restricted by the rules below.';
}
