import { addDays } from './clock.js';
import type { IntroductionStatus } from './introductions.js';
import type { InvitationAction } from './invitation-state.js';
import type { Policy } from './policy.js';

/**
 * Closing an account: when it is erased, what becomes of what is under way, what a sign-in during
 * the grace period does, and the standing an address keeps after its account is gone.
 */

/** A closing account: hidden everywhere from `closingAt`, erased once `eraseAfter` has passed. */
export interface ClosureSchedule {
  closingAt: Date;
  eraseAfter: Date;
}

/** The member closes now: the account may be reopened by signing in for `closeGraceDays`, then it is erased. */
export function scheduleClosure(now: Date, policy: Policy): ClosureSchedule {
  return { closingAt: now, eraseAfter: addDays(now, policy.closeGraceDays) };
}

/** What a correct sign-in does to an account, by where it is in its closure. */
export type SignInOutcome = 'open' | 'reopen' | 'gone';

/**
 * A sign-in with the right password: an open account signs in; a closing one still in its grace
 * period is reopened; one past it is as good as erased (the job has not run yet) and is refused
 * like an unknown address.
 */
export function signInOutcome(account: { closingAt: Date | null; eraseAfter: Date | null }, now: Date): SignInOutcome {
  if (account.closingAt === null) return 'open';
  if (account.eraseAfter !== null && now.getTime() >= account.eraseAfter.getTime()) return 'gone';
  return 'reopen';
}

/** Whether the erase job may erase this account now. */
export function isDueForErasure(account: { closingAt: Date | null; eraseAfter: Date | null }, now: Date): boolean {
  return account.closingAt !== null && account.eraseAfter !== null && now.getTime() >= account.eraseAfter.getTime();
}

/**
 * What the closing member's open invitations become, silently, through the one transition: those
 * they sent are withdrawn, those they received are declined (the sender is not told: the event
 * carries the cause `account_closed`).
 */
export function invitationActionOnClose(role: 'sender' | 'recipient'): Extract<InvitationAction, 'withdraw' | 'decline'> {
  return role === 'sender' ? 'withdraw' : 'decline';
}

/** An introduction still under way that names the closing member ends declined; a finished one stays as it is. */
export function introductionStatusOnClose(current: IntroductionStatus): IntroductionStatus | null {
  return current === 'requested' || current === 'forwarded' ? 'declined' : null;
}

/** The standing an address carries past its account (`closed_standings`). */
export interface RememberedStanding {
  restrictionCount: number;
  /** Restricted when the account closed: a new account on the address starts restricted. */
  restricted: boolean;
  rememberUntil: Date;
}

/**
 * What to remember of a closing account's standing: nothing for an address never restricted (or
 * with `closedStandingMemoryDays` 0); otherwise its restriction count and whether a restriction was
 * in force, until `closedStandingMemoryDays` after the address becomes free (the erasure). So
 * closing and signing up again cannot wash a spammer's record.
 */
export function standingToRemember(standing: { restrictionCount: number; restricted: boolean }, schedule: ClosureSchedule, policy: Policy): RememberedStanding | null {
  if (standing.restrictionCount <= 0 || policy.closedStandingMemoryDays <= 0) return null;
  return { restrictionCount: standing.restrictionCount, restricted: standing.restricted, rememberUntil: addDays(schedule.eraseAfter, policy.closedStandingMemoryDays) };
}

/** The standing a new account on a remembered address starts with, or null when there is none (or it has lapsed). */
export function standingOnReturn(memory: RememberedStanding | undefined, now: Date): { restrictionCount: number; restrictedAt: Date | null } | null {
  if (!memory || now.getTime() >= memory.rememberUntil.getTime()) return null;
  return { restrictionCount: memory.restrictionCount, restrictedAt: memory.restricted ? now : null };
}
