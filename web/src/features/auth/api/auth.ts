import type { Account, OwnProfile } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

/** `reopened`: this sign-in opened again an account that was closing (within the policy's `closeGraceDays`). */
type AuthAnswer = { member: OwnProfile; token: string | null; csrfToken?: string; reopened?: true };

/** `joinToken`: the `join` parameter of a "join and connect" mail's link, which proves the address. */
export function signUp(input: { email: string; password: string; name: string; headline?: string; joinToken?: string; captcha?: string }): Promise<AuthAnswer> {
  return http.post<AuthAnswer>('/auth/signup', { ...input, session: 'cookie' });
}

/** `captcha`: a solved challenge, once a throttled attempt answered `rate_limited` with one (`withChallenge`). */
export function logIn(input: { email: string; password: string; captcha?: string }): Promise<AuthAnswer> {
  return http.post<AuthAnswer>('/auth/login', { ...input, session: 'cookie' });
}

export function logOut(): Promise<void> {
  return http.post<void>('/auth/logout');
}

export function loadAccount(): Promise<Account> {
  return http.get<Account>('/me');
}
