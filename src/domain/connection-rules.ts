import type { Policy } from './policy.js';
import type { MemberKind } from './member.js';

/** What the connection rule reads of each of the two members, under their row locks. */
export interface ConnectingMember {
  id: number;
  kind: MemberKind;
  connectionCount: number;
}

export type ConnectDecision =
  | { ok: true; outcome: 'connect' | 'already_connected' }
  | { ok: false; code: 'companies_cannot_connect' }
  | { ok: false; code: 'connection_limit_reached' };

/**
 * May these two become 1st-degree connections now? Every accept asks, whichever door the
 * invitation came through: company pages never connect (they are followed), and nobody passes
 * `maxConnections`. Two members already connected stay so and count once.
 */
export function decideConnection(members: readonly ConnectingMember[], alreadyConnected: boolean, policy: Policy): ConnectDecision {
  if (alreadyConnected) return { ok: true, outcome: 'already_connected' };
  if (members.some((member) => member.kind === 'company')) return { ok: false, code: 'companies_cannot_connect' };
  if (members.some((member) => member.connectionCount >= policy.maxConnections)) return { ok: false, code: 'connection_limit_reached' };
  return { ok: true, outcome: 'connect' };
}
