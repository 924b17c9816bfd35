import type { AppContext } from '../context.js';
import { introductionStatusOnClose, invitationActionOnClose, scheduleClosure, standingToRemember, type ClosureSchedule } from '../domain/account-closure.js';
import { DomainError } from '../domain/errors.js';
import { isRestricted } from '../domain/standing.js';
import type { Trx } from '../db/database.js';
import {
  closedStandingHash,
  deleteNotificationsNaming,
  findConnectionIds,
  findOpenInvitationsOf,
  lockIntroductionsNaming,
  markAccountClosing,
  rememberStanding,
  removeTiesOf,
} from '../db/repositories/account-closure.js';
import { setIntroductionStatus } from '../db/repositories/introductions.js';
import { findMemberById, lockMember } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { inTransaction } from '../db/transaction.js';
import { queueMail } from '../mail/mail-queue.js';
import { admitAttempt } from './auth-throttle.js';
import { removeConnectionIn } from './connections.js';
import { transitionInvitations } from './invitation-transition.js';
import { verifyPassword } from './passwords.js';

/** Who closed the account: the member, with their password, or an operator for a member who asked by other means. */
export type ClosedBy = 'member' | 'admin';

export interface ClosedAccount {
  memberId: number;
  closingAt: Date;
  eraseAfter: Date;
}

/**
 * A member closes their own account. The password is asked again, and the attempt is counted like a
 * sign-in (`admitAttempt`): a stolen session cannot close the account, nor guess the password here.
 */
export async function closeOwnAccount(ctx: AppContext, memberId: number, password: string, clientAddress: string | undefined): Promise<ClosedAccount> {
  const member = await findMemberById(ctx.db, memberId);
  if (!member || member.closing_at !== null) throw new DomainError('unauthorized', 'This account is closed.');
  const attempt = clientAddress === undefined ? null : await admitAttempt(ctx, 'signin', { email: member.email, clientAddress });
  if (!(await verifyPassword(member.password_hash, password))) throw new DomainError('wrong_password', 'That is not your password; the account stays open.');
  await attempt?.succeeded();
  return closeAccount(ctx, memberId, 'member');
}

/**
 * Closes an account, in one transaction: open invitations go through the one door (those sent are
 * withdrawn, those received declined, both silently: cause `account_closed`), open introductions
 * that name the member end, connections end (each with its `connection.removed`, which the graph
 * index follows), follows, blocks, contacts, the invite link, tokens and sessions go, others'
 * notifications that name the member go (no bell shows the name of someone who left), a restricted
 * address's standing is remembered, the "your account is closing" mail is queued and
 * `member.closed` goes to the outbox. The account is hidden everywhere from now on (`blockedEitherWay`)
 * and erased after `closeGraceDays` (`eraseDueAccounts`); signing in before then reopens it.
 * Closing an account that is already closing changes nothing and answers its schedule.
 */
export async function closeAccount(ctx: AppContext, memberId: number, by: ClosedBy): Promise<ClosedAccount> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const member = await lockMember(trx, memberId);
    if (!member) throw new DomainError('not_found', 'No such member.');
    if (member.closing_at !== null && member.erase_after !== null) return { memberId, closingAt: member.closing_at, eraseAfter: member.erase_after };
    const schedule = scheduleClosure(now, ctx.policy);
    await markAccountClosing(trx, memberId, schedule.closingAt, schedule.eraseAfter);
    await settleInvitations(trx, ctx, memberId, now);
    await settleIntroductions(trx, memberId, now);
    for (const otherId of await findConnectionIds(trx, memberId)) await removeConnectionIn(trx, memberId, otherId, now);
    await removeTiesOf(trx, memberId);
    await deleteNotificationsNaming(trx, memberId, true);
    const memory = standingToRemember(
      {
        restrictionCount: member.restriction_count,
        restricted: isRestricted({ restrictedAt: member.restricted_at, restrictionEndsAt: member.restriction_ends_at, restrictionCount: member.restriction_count, lastLiftAt: member.last_lift_at }, now),
      },
      schedule,
      ctx.policy,
    );
    if (memory) await rememberStanding(trx, closedStandingHash(ctx.secret, member.email), memory);
    await queueClosingMail(trx, ctx, member, schedule, now);
    await appendEvent(trx, 'member.closed', { memberId, by, closingAt: schedule.closingAt.toISOString(), eraseAfter: schedule.eraseAfter.toISOString() }, now);
    return { memberId, ...schedule };
  });
}

async function settleInvitations(trx: Trx, ctx: AppContext, memberId: number, now: Date): Promise<void> {
  const open = await findOpenInvitationsOf(trx, memberId);
  const by = { role: 'service', cause: 'account_closed' } as const;
  if (open.sent.length > 0) await transitionInvitations(trx, ctx, open.sent, { action: invitationActionOnClose('sender'), by, now });
  if (open.received.length > 0) await transitionInvitations(trx, ctx, open.received, { action: invitationActionOnClose('recipient'), by, now });
}

/** Introductions under way end declined, silently: nobody is told a member left. */
async function settleIntroductions(trx: Trx, memberId: number, now: Date): Promise<void> {
  for (const introduction of await lockIntroductionsNaming(trx, memberId)) {
    const next = introductionStatusOnClose(introduction.status);
    if (next) await setIntroductionStatus(trx, introduction.id, next, now);
  }
}

/** The erase date as the mail says it (UTC, the date the service counts in). */
const ERASE_DATE = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

async function queueClosingMail(trx: Trx, ctx: AppContext, member: { id: number; email: string; name: string }, schedule: ClosureSchedule, now: Date): Promise<void> {
  await queueMail(
    trx,
    ctx,
    {
      toMemberId: member.id,
      toEmail: member.email,
      recipientName: member.name,
      content: { template: 'account_closing', eraseOn: ERASE_DATE.format(schedule.eraseAfter), graceDays: ctx.policy.closeGraceDays, signInUrl: `${ctx.publicUrl}/login` },
      dedupeKey: `account_closing:${member.id}:${schedule.closingAt.getTime()}`,
    },
    now,
  );
}
