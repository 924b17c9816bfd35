import { formatDate } from './format.js';
import type { PolicyView } from './policy.js';

const DAY_MS = 86_400_000;

/**
 * " You can invite them again from 29 December 2026." for a withdrawal made now, from the policy's
 * `reinviteAfterWithdrawDays`; empty while the policy is unknown. The answer of the withdrawal itself
 * (`reinviteAfter`) gives the exact date afterwards.
 */
export function reinviteSentenceFromNow(policy: PolicyView | null, now: Date = new Date()): string {
  const days = Number(policy?.raw.reinviteAfterWithdrawDays);
  if (!Number.isFinite(days)) return '';
  return ` You can invite them again from ${formatDate(new Date(now.getTime() + days * DAY_MS).toISOString())}.`;
}
