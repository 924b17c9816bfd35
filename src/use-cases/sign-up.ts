import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/member.js';
import { findMemberById, insertMember } from '../db/repositories/members.js';
import { issueToken, type IssuedToken, type TokenKind } from '../db/repositories/tokens.js';
import type { MemberKind, MemberRow } from '../db/schema.js';
import { UNIQUE_VIOLATION, inTransaction, pgErrorCode } from '../db/transaction.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { carryRememberedStanding } from './account-return.js';
import { admitAttempt } from './auth-throttle.js';
import { requireStrongPassword } from './password-strength.js';
import { hashPassword } from './passwords.js';
import { tokenLifetimeMs } from './sessions.js';
import { markEmailVerified } from './convert-parked-invitations.js';
import { joinTokenProves, queueVerificationMail } from './verify-email.js';

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  headline?: string | undefined;
  kind?: MemberKind | undefined;
  /** The token of a "join and connect" mail's link: it proves the address. */
  joinToken?: string | undefined;
  /** The client's address: sign-ups are throttled per address and per account when it is given (HTTP). */
  clientAddress?: string | undefined;
  /** A solved ALTCHA payload, once a sign-up answered `rate_limited` with a challenge. */
  captcha?: string | undefined;
}

/**
 * Creates a member account and signs it in. The address is proven by the join token when one came
 * with it (a "join and connect" mail's link); otherwise the verification link is mailed. Until the
 * address is proven it grants nothing: no admin role, no invitation meant for it.
 */
export async function signUp(ctx: AppContext, input: SignUpInput, tokenKind: TokenKind): Promise<{ member: MemberRow; issued: IssuedToken }> {
  if (input.clientAddress !== undefined) await admitAttempt(ctx, 'signup', { email: input.email, clientAddress: input.clientAddress, captcha: input.captcha });
  await requireStrongPassword(ctx.policy, input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const email = input.email.trim();
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const member = await insertMember(trx, {
        kind: input.kind ?? 'person',
        email,
        email_normalized: normalizeEmail(email),
        password_hash: passwordHash,
        name: input.name,
        headline: input.headline ?? '',
        // Admin rights from `RAPPORT_ADMIN_EMAILS` start when the address is proven (`markEmailVerified`).
        role: 'member',
        created_at: now,
        manager_id: null,
        restricted_at: null,
        restriction_ends_at: null,
        last_lift_at: null,
      });
      await appendEvent(trx, 'member.joined', { memberId: member.id }, now);
      await carryRememberedStanding(trx, ctx, member.id, email, now);
      const proven = joinTokenProves(ctx, input.joinToken, email);
      if (proven) await markEmailVerified(trx, ctx, member.id, email, now);
      else await queueVerificationMail(trx, ctx, member, now);
      const issued = await issueToken(trx, member.id, tokenKind, now, tokenLifetimeMs(tokenKind, ctx.policy));
      return { member: proven ? ((await findMemberById(trx, member.id)) ?? member) : member, issued };
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw new DomainError('email_taken', 'An account with this email already exists.');
    throw error;
  }
}
