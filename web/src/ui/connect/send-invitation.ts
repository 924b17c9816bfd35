import type { HowWeMet, Invitation } from '../api-types.js';
import { http } from '../http.js';

export interface SendInvitationInput {
  recipientId: string;
  email?: string;
  note?: string;
  howWeMet?: HowWeMet;
  captcha?: string;
}

export type SendInvitationAnswer = { invitation: Invitation; connected?: true };

export function sendInvitation(input: SendInvitationInput): Promise<SendInvitationAnswer> {
  return http.post<SendInvitationAnswer>('/invitations', input);
}
