import { checkText, type NoteCheck } from './note.js';
import type { Policy } from './policy.js';
import type { MemberKind, MemberTier } from './member.js';

export interface MessageFacts {
  senderId: number;
  recipientId: number;
  senderTier: MemberTier;
  connected: boolean;
  blocked: boolean;
  recipientKind: MemberKind;
  /** InMail messages the sender started this calendar month. */
  inmailUsedThisMonth: number;
  /** The two already have a conversation the recipient answered: replies are free. */
  recipientHasWritten: boolean;
}

/** Direct between connections (or in a conversation the recipient answered); InMail spends a credit. */
export type MessageKind = 'direct' | 'inmail';

export type MessageDecision =
  | { ok: true; kind: MessageKind }
  | { ok: false; code: 'cannot_message_self' | 'not_found' | 'not_connected' | 'inmail_credits_exhausted'; credits?: number };

/** A direct message's body: cleaned like a note, at most `messageMaxLength` characters. */
export function checkMessageBody(raw: string, policy: Policy): NoteCheck {
  return checkText(raw, policy.messageMaxLength);
}

export function inmailCreditsFor(tier: MemberTier, policy: Policy): number {
  return policy.inmailCreditsPerMonth[tier];
}

/**
 * Who may write to whom: 1st-degree connections freely; anyone who has written to you may be
 * answered; everyone else only with an InMail credit (`inmailCreditsPerMonth`, premium by default).
 */
export function decideMessage(facts: MessageFacts, policy: Policy): MessageDecision {
  if (facts.senderId === facts.recipientId) return { ok: false, code: 'cannot_message_self' };
  if (facts.blocked) return { ok: false, code: 'not_found' };
  if (facts.connected || facts.recipientHasWritten) return { ok: true, kind: 'direct' };
  const credits = inmailCreditsFor(facts.senderTier, policy);
  if (credits === 0) return { ok: false, code: 'not_connected' };
  if (facts.inmailUsedThisMonth >= credits) return { ok: false, code: 'inmail_credits_exhausted', credits };
  return { ok: true, kind: 'inmail' };
}
