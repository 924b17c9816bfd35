import type { Policy } from './policy.js';
import { decideQuota, needsCaptcha, type QuotaLimit, type SendCounts } from './quota.js';
import { decideReinvite, type PastInvitation } from './reinvite.js';
import type { InvitationsFrom, MemberKind, MemberTier } from './member.js';

/** Everything the send rule needs, loaded in one transaction with the sender's row locked. */
export interface SendFacts {
  sender: {
    id: number;
    kind: MemberKind;
    tier: MemberTier;
    restricted: boolean;
    grantedExtra: number;
    connectionCount: number;
  };
  recipient: {
    id: number;
    kind: MemberKind;
    invitationsFrom: InvitationsFrom;
    connectionCount: number;
  };
  /** The sender typed an email address for the recipient. */
  emailGiven: boolean;
  /** …and it is the recipient's address. */
  emailMatches: boolean;
  /** The sender's address is among the recipient's imported contacts. */
  senderInRecipientContacts: boolean;
  connected: boolean;
  /** Connected, or sharing at least one connection. */
  withinSecondDegree: boolean;
  /** An open invitation between the two, either way. */
  openInvitation: { id: number; fromSender: boolean } | null;
  /** The sender's earlier invitations to this recipient. */
  history: readonly PastInvitation[];
  counts: SendCounts;
  captcha: 'absent' | 'valid' | 'invalid';
}

export type SendRefusal =
  | { code: 'cannot_invite_self' }
  | { code: 'companies_cannot_connect' }
  | { code: 'already_connected' }
  | { code: 'invitation_pending' }
  | { code: 'email_mismatch' }
  | { code: 'reinvite_forbidden' }
  | { code: 'reinvite_cooldown'; retryAfter: Date }
  | { code: 'recipient_not_accepting' }
  | { code: 'email_required'; reason: 'sender_restricted' | 'recipient_setting' }
  | { code: 'not_eligible' }
  | { code: 'connection_limit_reached'; who: 'sender' | 'recipient' }
  | { code: 'quota_exceeded'; limit: QuotaLimit; resetAt: Date | null }
  | { code: 'captcha_required' }
  | { code: 'captcha_invalid' };

export type SendDecision =
  | { ok: true; outcome: 'invite' }
  /** The recipient already invited the sender: accept that invitation instead. */
  | { ok: true; outcome: 'accept_crossing'; invitationId: number }
  | ({ ok: false } & SendRefusal);

/**
 * May this sender invite this recipient now? The checks run in the order a member would find
 * most useful: who the two are, what is already between them, their history, whom the recipient
 * accepts invitations from, and last the sender's own limits.
 */
export function decideSend(facts: SendFacts, policy: Policy, now: Date): SendDecision {
  const { sender, recipient } = facts;
  if (sender.id === recipient.id) return { ok: false, code: 'cannot_invite_self' };
  if (sender.kind === 'company' || recipient.kind === 'company') return { ok: false, code: 'companies_cannot_connect' };
  if (facts.connected) return { ok: false, code: 'already_connected' };
  if (facts.openInvitation?.fromSender) return { ok: false, code: 'invitation_pending' };
  if (facts.emailGiven && !facts.emailMatches) return { ok: false, code: 'email_mismatch' };

  if (sender.connectionCount >= policy.maxConnections) return { ok: false, code: 'connection_limit_reached', who: 'sender' };
  if (recipient.connectionCount >= policy.maxConnections) return { ok: false, code: 'connection_limit_reached', who: 'recipient' };
  if (facts.openInvitation) return { ok: true, outcome: 'accept_crossing', invitationId: facts.openInvitation.id };
  // A reported invitation still reads "pending" to its sender: say so rather than reveal the report.
  if (facts.history.some((past) => past.status === 'reported')) return { ok: false, code: 'invitation_pending' };

  const reinvite = decideReinvite(facts.history, policy, now);
  if (!reinvite.ok) return reinvite;

  const knowsEmail = facts.emailGiven && facts.emailMatches;
  switch (recipient.invitationsFrom) {
    case 'contacts_only':
      if (!facts.senderInRecipientContacts) return { ok: false, code: 'recipient_not_accepting' };
      break;
    case 'email_or_contacts':
      if (!knowsEmail && !facts.senderInRecipientContacts) return { ok: false, code: 'email_required', reason: 'recipient_setting' };
      break;
    case 'everyone':
      break;
  }
  if (sender.restricted && !knowsEmail) return { ok: false, code: 'email_required', reason: 'sender_restricted' };
  if (policy.eligibility === 'second_degree_or_email' && !facts.withinSecondDegree && !knowsEmail) {
    return { ok: false, code: 'not_eligible' };
  }

  const quota = decideQuota(facts.counts, sender.tier, sender.grantedExtra, policy, now);
  if (!quota.ok) return { ok: false, code: 'quota_exceeded', limit: quota.limit, resetAt: quota.resetAt };
  if (needsCaptcha(facts.counts, policy)) {
    if (facts.captcha === 'absent') return { ok: false, code: 'captcha_required' };
    if (facts.captcha === 'invalid') return { ok: false, code: 'captcha_invalid' };
  }
  return { ok: true, outcome: 'invite' };
}
