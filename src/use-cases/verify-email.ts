import type { AppContext } from '../context.js';
import { DAY_MS } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/member.js';
import { findMemberById } from '../db/repositories/members.js';
import { spendLinkToken } from '../db/repositories/link-tokens.js';
import type { Trx } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { queueMail } from '../mail/mail-queue.js';
import { createLinkToken, tokenId, verifyLinkToken } from '../mail/link-tokens.js';
import { markEmailVerified } from './convert-parked-invitations.js';

/** Does a join link's token prove this address? */
export function joinTokenProves(ctx: AppContext, token: string | undefined, email: string): boolean {
  if (!token) return false;
  const check = verifyLinkToken(ctx.secret, token, 'verify_email', ctx.clock.now());
  return check.ok && check.claims.subject === normalizeEmail(email);
}

/** Mails the member a link that proves their address. */
export async function requestEmailVerification(ctx: AppContext, memberId: number): Promise<void> {
  const member = await findMemberById(ctx.db, memberId);
  if (!member) throw new DomainError('unauthorized', 'This account no longer exists.');
  if (member.email_verified_at) throw new DomainError('invalid_state', 'Your email address is already verified.');
  const now = ctx.clock.now();
  await inTransaction(ctx.db, (trx) => queueVerificationMail(trx, ctx, member, now));
}

/** Queues the mail with the link that proves a member's address (on sign-up, and on asking again), in the caller's transaction. */
export async function queueVerificationMail(trx: Trx, ctx: AppContext, member: Pick<MemberRow, 'id' | 'email' | 'email_normalized' | 'name'>, now: Date): Promise<void> {
  const token = createLinkToken(ctx.secret, { purpose: 'verify_email', memberId: member.id, subject: member.email_normalized, expiresAt: now.getTime() + ctx.policy.verifyEmailLinkDays * DAY_MS });
  await queueMail(trx, ctx, {
    toMemberId: member.id,
    toEmail: member.email,
    recipientName: member.name,
    content: { template: 'verify_email', verifyUrl: `${ctx.publicUrl}/verify-email?token=${token}` },
    dedupeKey: `verify:${member.id}:${now.getTime()}`,
  }, now);
}

/** The signed-in member proves their address with the mailed token, which works once. */
export async function verifyEmail(ctx: AppContext, memberId: number, token: string): Promise<number> {
  const member = await findMemberById(ctx.db, memberId);
  if (!member) throw new DomainError('unauthorized', 'This account no longer exists.');
  const check = verifyLinkToken(ctx.secret, token, 'verify_email', ctx.clock.now());
  if (!check.ok || check.claims.subject !== member.email_normalized) {
    throw new DomainError('validation_failed', check.ok || check.reason !== 'expired' ? 'token: this link is not for your address.' : 'token: this link has expired; ask for a new one.');
  }
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    if (!(await spendLinkToken(trx, tokenId(token), now))) throw new DomainError('validation_failed', 'token: this link was already used.');
    return markEmailVerified(trx, ctx, memberId, member.email, now);
  });
}
