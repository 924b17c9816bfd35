import { checkText, type NoteCheck } from './note.js';
import type { Policy } from './policy.js';
import type { MemberTier } from './member.js';

export type IntroductionStatus = 'requested' | 'forwarded' | 'declined' | 'connected';

export interface IntroductionRequestFacts {
  requesterId: number;
  introducerId: number;
  targetId: number;
  requesterTier: MemberTier;
  requesterConnectedToIntroducer: boolean;
  introducerConnectedToTarget: boolean;
  requesterConnectedToTarget: boolean;
  /** Either of the three blocked another of them. */
  blocked: boolean;
  startedThisMonth: number;
  /** An introduction between requester and target is already under way. */
  openBetween: boolean;
}

export type IntroductionRefusal =
  | 'cannot_introduce_self'
  | 'not_connected_to_introducer'
  | 'introducer_not_connected_to_target'
  | 'already_connected'
  | 'introduction_pending'
  | 'introduction_limit_reached'
  | 'not_found';

export type IntroductionDecision = { ok: true } | { ok: false; code: IntroductionRefusal; limit?: number };

/** A message of an introduction (to the introducer, to the target, or the introducer's note): at most `introductionNoteMaxLength` characters. */
export function checkIntroductionNote(raw: string | null | undefined, policy: Policy): NoteCheck {
  return checkText(raw, policy.introductionNoteMaxLength);
}

export function introductionsPerMonthFor(tier: MemberTier, policy: Policy): number {
  return policy.introductionsPerMonth[tier];
}

/**
 * May a member ask a 1st-degree connection to introduce them to one of that connection's
 * connections? Only for a 2nd-degree target, within `introductionsPerMonth` for their tier.
 */
export function decideIntroductionRequest(facts: IntroductionRequestFacts, policy: Policy): IntroductionDecision {
  const { requesterId, introducerId, targetId } = facts;
  if (requesterId === targetId || requesterId === introducerId || introducerId === targetId) return { ok: false, code: 'cannot_introduce_self' };
  if (facts.blocked) return { ok: false, code: 'not_found' };
  if (!facts.requesterConnectedToIntroducer) return { ok: false, code: 'not_connected_to_introducer' };
  if (!facts.introducerConnectedToTarget) return { ok: false, code: 'introducer_not_connected_to_target' };
  if (facts.requesterConnectedToTarget) return { ok: false, code: 'already_connected' };
  if (facts.openBetween) return { ok: false, code: 'introduction_pending' };
  const limit = introductionsPerMonthFor(facts.requesterTier, policy);
  if (facts.startedThisMonth >= limit) return { ok: false, code: 'introduction_limit_reached', limit };
  return { ok: true };
}

/** Who may move an introduction on, and from which state. */
export function nextIntroductionStatus(
  current: IntroductionStatus,
  action: 'forward' | 'decline' | 'connect',
  role: 'requester' | 'introducer' | 'target',
): IntroductionStatus | null {
  if ((action === 'forward' || action === 'decline') && role === 'introducer' && current === 'requested') return action === 'forward' ? 'forwarded' : 'declined';
  if (action === 'connect' && role === 'target' && current === 'forwarded') return 'connected';
  return null;
}
