import type { Account, OwnProfile } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

type AuthAnswer = { member: OwnProfile; token: string | null; csrfToken?: string };

export function signUp(input: { email: string; password: string; name: string; headline?: string }): Promise<AuthAnswer> {
  return http.post<AuthAnswer>('/auth/signup', { ...input, session: 'cookie' });
}

export function logIn(input: { email: string; password: string }): Promise<AuthAnswer> {
  return http.post<AuthAnswer>('/auth/login', { ...input, session: 'cookie' });
}

export function logOut(): Promise<void> {
  return http.post<void>('/auth/logout');
}

export function loadAccount(): Promise<Account> {
  return http.get<Account>('/me');
}
