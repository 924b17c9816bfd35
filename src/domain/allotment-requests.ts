import type { Policy } from './policy.js';

/** What an allotment request can be: waiting for an administrator, or answered. */
export type AllotmentRequestStatus = 'pending' | 'granted' | 'denied';

/** What the rules know of a member when they ask for more invitations (the same facts a grant reads). */
export interface AllotmentRequestFacts {
  restricted: boolean;
  /** Reports against the member in the last `reportWindowDays`. */
  reportsInWindow: number;
}

export type AllotmentRequestDecision = { ok: true } | { ok: false; code: 'member_flagged' };

/**
 * Flagged as a spammer: restricted now, or reported `reportRestrictThreshold` times in the last
 * `reportWindowDays`. Such a member can be granted nothing (`decideGrant`), so a request from
 * them would only wait to be refused.
 */
export function isFlaggedForSpam(facts: AllotmentRequestFacts, policy: Policy): boolean {
  return facts.restricted || facts.reportsInWindow >= policy.reportRestrictThreshold;
}

/** May a member file a request for more invitations? Not while flagged as a spammer. */
export function decideAllotmentRequest(facts: AllotmentRequestFacts, policy: Policy): AllotmentRequestDecision {
  return isFlaggedForSpam(facts, policy) ? { ok: false, code: 'member_flagged' } : { ok: true };
}
