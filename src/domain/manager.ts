/**
 * Who a member may name as their manager (seed 004, "don't invite your direct reports"): another
 * person on the network they can see. The link is shown on the profile, and warns the manager
 * before they invite their report; it never refuses anything.
 */
export type ManagerDecision = { ok: true } | { ok: false; reason: string };

export interface ManagerFacts {
  /** The named member exists and neither has blocked the other (a blocked member is as absent). */
  visible: boolean;
  kind: 'person' | 'company' | null;
}

export function decideManager(memberId: number, managerId: number, facts: ManagerFacts): ManagerDecision {
  if (managerId === memberId) return { ok: false, reason: 'you cannot be your own manager' };
  if (!facts.visible) return { ok: false, reason: 'no such member' };
  if (facts.kind !== 'person') return { ok: false, reason: 'a manager is a person, not a company page' };
  return { ok: true };
}
