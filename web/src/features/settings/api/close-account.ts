import { http } from '../../../ui/http.js';

/** The answer to closing an account: when it was closed and when it is erased unless the member signs in before. */
export interface Closing {
  memberId: string;
  closingAt: string;
  eraseAfter: string;
  graceDays: number;
}

export const closeAccount = (password: string) => http.post<{ closing: Closing }>('/me/close', { password });
