import type { AppContext } from '../context.js';
import { signInOutcome, standingOnReturn } from '../domain/account-closure.js';
import { DomainError } from '../domain/errors.js';
import type { Trx } from '../db/database.js';
import { applyReturningStanding, closedStandingHash, findRememberedStanding, reopenAccount } from '../db/repositories/account-closure.js';
import type { MemberRow } from '../db/schema.js';

/**
 * What a correct sign-in does to a closed account: within its grace period it is reopened (answers
 * the member as open, and `reopened: true`); past it, the account is as good as erased, and the
 * sign-in answers as for an unknown address.
 */
export async function reopenOnSignIn(ctx: AppContext, member: MemberRow): Promise<{ member: MemberRow; reopened: boolean }> {
  const outcome = signInOutcome({ closingAt: member.closing_at, eraseAfter: member.erase_after }, ctx.clock.now());
  if (outcome === 'open') return { member, reopened: false };
  if (outcome === 'gone') throw new DomainError('invalid_credentials', 'The email or password is not right.');
  await reopenAccount(ctx.db, member.id);
  return { member: { ...member, closing_at: null, erase_after: null }, reopened: true };
}

/**
 * A new account on an address whose closed account was restricted starts with that standing, for
 * `closedStandingMemoryDays` (`standingOnReturn`): closing and signing up again keeps the record.
 */
export async function carryRememberedStanding(trx: Trx, ctx: AppContext, memberId: number, email: string, now: Date): Promise<void> {
  const memory = await findRememberedStanding(trx, closedStandingHash(ctx.secret, email));
  const standing = standingOnReturn(memory, now);
  if (standing) await applyReturningStanding(trx, memberId, standing);
}
