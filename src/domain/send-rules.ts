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
  /** The two belong to at least one common group (counts for eligibility only under `eligibilityThroughGroups`). */
  shareAGroup?: boolean;
  /** Either blocked the other. */
  blocked: boolean;
  /** An open invitation between the two, either way. */
  openInvitation: { id: number; fromSender: boolean } | null;
  /** The sender's earlier invitations to this recipient. */
  history: readonly PastInvitation[];
  counts: SendCounts;
  captcha: CaptchaState;
  /**
   * `this_send`: the send is counted now, so the quotas and the captcha apply. `already_counted`:
   * the invitation was counted when it was sent to an address, and is decided again now that the
   * address proves whose it is.
   */
  charge: 'this_send' | 'already_counted';
}

export type CaptchaState = 'absent' | 'valid' | 'invalid';

export type SendRefusal =
  | { code: 'cannot_invite_self' }
  /** Either blocked the other: the main door answers as if the member did not exist. */
  | { code: 'blocked' }
  | { code: 'companies_cannot_connect'; side: 'sender' | 'recipient' }
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
  if (facts.blocked) return { ok: false, code: 'blocked' };
  if (sender.kind === 'company') return { ok: false, code: 'companies_cannot_connect', side: 'sender' };
  if (recipient.kind === 'company') return { ok: false, code: 'companies_cannot_connect', side: 'recipient' };
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
  const withinReach = facts.withinSecondDegree || (policy.eligibilityThroughGroups && facts.shareAGroup === true);
  if (policy.eligibility === 'second_degree_or_email' && !withinReach && !knowsEmail) {
    return { ok: false, code: 'not_eligible' };
  }

  if (facts.charge === 'already_counted') return { ok: true, outcome: 'invite' };
  const limits = decideSenderLimits(facts, sender, policy, now);
  return limits ?? { ok: true, outcome: 'invite' };
}

/** The sender's own limits, checked last on every counted send: the quotas, then the captcha. */
function decideSenderLimits(
  facts: { counts: SendCounts; captcha: CaptchaState },
  sender: { tier: MemberTier; grantedExtra: number },
  policy: Policy,
  now: Date,
): ({ ok: false } & SendRefusal) | null {
  const quota = decideQuota(facts.counts, sender.tier, sender.grantedExtra, policy, now);
  if (!quota.ok) return { ok: false, code: 'quota_exceeded', limit: quota.limit, resetAt: quota.resetAt };
  if (needsCaptcha(facts.counts, policy)) {
    if (facts.captcha === 'absent') return { ok: false, code: 'captcha_required' };
    if (facts.captcha === 'invalid') return { ok: false, code: 'captcha_invalid' };
  }
  return null;
}

/** What an invitation by address reads before anyone knows whose the address is. */
export interface AddressSendFacts {
  sender: Pick<SendFacts['sender'], 'kind' | 'tier' | 'grantedExtra' | 'connectionCount'>;
  /** The address is the sender's own. */
  ownAddress: boolean;
  /** The sender already has an open invitation addressed to it. */
  openOnAddress: boolean;
  counts: SendCounts;
  captcha: CaptchaState;
}

export type AddressSendDecision = { ok: true } | ({ ok: false } & SendRefusal);

/**
 * May this sender send an invitation to an address at all? Only what the sender already knows is
 * decided here — their own address, their own kind, their own earlier invitation to it, their
 * connection cap and their limits — so the answer says nothing about who holds the address. Every
 * send by address is counted; whether it reaches the address's owner is `resolveAddressSend`'s.
 */
export function decideSendToAddress(facts: AddressSendFacts, policy: Policy, now: Date): AddressSendDecision {
  if (facts.ownAddress) return { ok: false, code: 'cannot_invite_self' };
  if (facts.sender.kind === 'company') return { ok: false, code: 'companies_cannot_connect', side: 'sender' };
  if (facts.openOnAddress) return { ok: false, code: 'invitation_pending' };
  if (facts.sender.connectionCount >= policy.maxConnections) return { ok: false, code: 'connection_limit_reached', who: 'sender' };
  return decideSenderLimits(facts, facts.sender, policy, now) ?? { ok: true };
}

/** What becomes of a counted invitation by address once its address is known to be a member's. */
export type AddressSendOutcome = { outcome: 'invite' } | { outcome: 'accept_crossing'; invitationId: number } | { outcome: 'drop' };

/**
 * `decideSend` for the address's owner (with `charge: 'already_counted'`), read as an address send
 * reads it: an invitation the rules allow reaches the owner; a crossing one connects the two; any
 * refusal drops it silently — it reaches nobody, stays counted, and reads "pending" to its sender
 * until it expires, exactly like an invitation its recipient has not answered, so the answer never
 * tells the sender that the address belongs to someone who blocked, declined or reported them.
 */
export function resolveAddressSend(decision: SendDecision): AddressSendOutcome {
  if (!decision.ok) return { outcome: 'drop' };
  return decision.outcome === 'accept_crossing' ? { outcome: 'accept_crossing', invitationId: decision.invitationId } : { outcome: 'invite' };
}
