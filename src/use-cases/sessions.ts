import type { AppContext } from '../context.js';
import { DAY_MS } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import type { Policy } from '../domain/policy.js';
import { findMemberByEmail } from '../db/repositories/members.js';
import { issueToken, revokeToken, type IssuedToken, type TokenKind } from '../db/repositories/tokens.js';
import type { MemberRow } from '../db/schema.js';
import { reopenOnSignIn } from './account-return.js';
import { admitAttempt } from './auth-throttle.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';

/** How long a sign-in lasts: the web app's session cookie `sessionDays`, an API bearer token `bearerTokenDays`. */
export function tokenLifetimeMs(kind: TokenKind, policy: Policy): number {
  return (kind === 'session' ? policy.sessionDays : policy.bearerTokenDays) * DAY_MS;
}

/** Where a sign-in comes from and what it carries beyond the credentials. */
export interface SignInContext {
  /** The client's address, for the per-address counter. */
  clientAddress: string;
  /** A solved ALTCHA payload, once a sign-in answered `rate_limited` with a challenge. */
  captcha?: string | undefined;
}

/**
 * Signs a member in. An unknown email and a wrong password get the same refusal after the same
 * work (a password check against a decoy hash), so neither the answer nor its timing tells them apart.
 * Attempts are throttled per account and per client address (`admitAttempt`): past the policy's
 * limits they wait or solve a captcha, so the rightful owner always gets in with one.
 */
export async function logIn(ctx: AppContext, email: string, password: string, kind: TokenKind, from?: SignInContext): Promise<{ member: MemberRow; issued: IssuedToken; reopened: boolean }> {
  const attempt = from ? await admitAttempt(ctx, 'signin', { email, clientAddress: from.clientAddress, captcha: from.captcha }) : null;
  const member = await findMemberByEmail(ctx.db, email);
  const passwordOk = await verifyPassword(member?.password_hash ?? (await decoyPasswordHash()), password);
  if (!member || !passwordOk) throw new DomainError('invalid_credentials', 'The email or password is not right.');
  // A closed account in its grace period opens again; one past it answers as unknown.
  const { member: signedIn, reopened } = await reopenOnSignIn(ctx, member);
  await attempt?.succeeded();
  const issued = await issueToken(ctx.db, signedIn.id, kind, ctx.clock.now(), tokenLifetimeMs(kind, ctx.policy));
  return { member: signedIn, issued, reopened };
}

export async function logOut(ctx: AppContext, tokenHash: string): Promise<void> {
  await revokeToken(ctx.db, tokenHash, ctx.clock.now());
}
