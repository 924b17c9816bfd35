import type { InvitationStatus } from './invitation.js';
import { nextStatus } from './invitation-state.js';

/** The answers offered wherever a recipient sees an invitation outside their invitations page (the bell, the notifications). */
export type QuickAnswer = 'accept' | 'ignore';

/**
 * Which quick answers to offer for an invitation in this status: Accept and Ignore while it is still
 * pending, each only if the transition table allows it. An ignored invitation offers none here: it
 * has been answered, and changing one's mind happens on the invitation itself.
 */
export function quickAnswers(status: InvitationStatus): QuickAnswer[] {
  if (status !== 'pending') return [];
  return (['accept', 'ignore'] as const).filter((answer) => nextStatus(status, answer) !== null);
}
