import type { AppContext } from '../context.js';
import { findMemberById } from '../db/repositories/members.js';
import { inmailSentThisMonth, introductionsAskedThisMonth } from '../db/repositories/monthly-usage.js';
import { allowancesOf } from '../domain/allowances.js';
import { DomainError } from '../domain/errors.js';

/** How many introductions and InMail messages the member has left this month; the same counts the send paths check. */
export async function viewAllowances(ctx: AppContext, memberId: number) {
  const member = await findMemberById(ctx.db, memberId);
  if (!member) throw new DomainError('unauthorized', 'This account no longer exists.');
  const now = ctx.clock.now();
  const [introductions, inmail] = await Promise.all([introductionsAskedThisMonth(ctx.db, memberId, now), inmailSentThisMonth(ctx.db, memberId, now)]);
  return allowancesOf(member.tier, { introductions, inmail }, ctx.policy, now);
}
