import { http } from '../../../ui/http.js';

/** Proves the signed-in member's address with a mailed link's token; answers how many invitations it brought. */
export function verifyEmail(token: string): Promise<{ converted: number }> {
  return http.post<{ converted: number }>('/auth/verify-email', { token });
}

/** Mails the signed-in member a new verification link. */
export function requestVerificationMail(): Promise<{ sent: true }> {
  return http.post<{ sent: true }>('/me/email/verification');
}
