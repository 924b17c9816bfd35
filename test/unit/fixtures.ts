/**
 * Small builders for the unit tests of src/domain. Every number a rule reads comes from a policy
 * object (`policyWith` spreads overrides over `defaultPolicy`); these helpers only build facts.
 */
import { defaultPolicy, type Policy } from '../../src/domain/policy.js';
import type { SendCounts } from '../../src/domain/quota.js';
import type { PastInvitation } from '../../src/domain/reinvite.js';
import type { SendFacts } from '../../src/domain/send-rules.js';
import type { SenderFacts } from '../../src/domain/sender-view.js';
import type { StandingState } from '../../src/domain/standing.js';
import type { InvitationStatus } from '../../src/db/schema.js';

/** A unit conversion, not a policy number. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A fixed "now" in the middle of a month, so month arithmetic is never accidental. */
export const NOW = new Date('2025-06-15T12:00:00.000Z');

export function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function daysBefore(date: Date, days: number): Date {
  return daysAfter(date, -days);
}

export function msAfter(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function policyWith(overrides: Partial<Policy> = {}): Policy {
  return { ...defaultPolicy, ...overrides };
}

export const ALL_STATUSES = ['pending', 'accepted', 'ignored', 'declined', 'reported', 'withdrawn', 'expired'] as const satisfies readonly InvitationStatus[];

export function counts(overrides: Partial<SendCounts> = {}): SendCounts {
  return { lifetime: 0, thisMonth: 0, last7Days: 0, last24h: 0, oldestInLast7Days: null, ...overrides };
}

export interface SendFactsOverrides extends Partial<Omit<SendFacts, 'sender' | 'recipient' | 'counts'>> {
  sender?: Partial<SendFacts['sender']>;
  recipient?: Partial<SendFacts['recipient']>;
  counts?: Partial<SendCounts>;
}

/**
 * Facts for a send that every rule allows: two different people, nothing between them, the
 * recipient accepts everyone, they share a connection, no history, no sends yet, no captcha.
 */
export function sendFacts(overrides: SendFactsOverrides = {}): SendFacts {
  const { sender, recipient, counts: countOverrides, ...rest } = overrides;
  return {
    emailGiven: false,
    emailMatches: false,
    senderInRecipientContacts: false,
    connected: false,
    withinSecondDegree: true,
    blocked: false,
    openInvitation: null,
    history: [],
    captcha: 'absent',
    charge: 'this_send',
    ...rest,
    sender: { id: 1, kind: 'person', tier: 'free', restricted: false, grantedExtra: 0, connectionCount: 0, ...sender },
    recipient: { id: 2, kind: 'person', invitationsFrom: 'everyone', connectionCount: 0, ...recipient },
    counts: counts(countOverrides),
  };
}

/** Merges two override sets; `a` wins where both set the same field. */
export function mergeOverrides(a: SendFactsOverrides, b: SendFactsOverrides): SendFactsOverrides {
  return {
    ...b,
    ...a,
    sender: { ...b.sender, ...a.sender },
    recipient: { ...b.recipient, ...a.recipient },
    counts: { ...b.counts, ...a.counts },
  };
}

export function past(status: InvitationStatus, at: { respondedAt?: Date | null; ignoredAt?: Date | null } = {}): PastInvitation {
  return { status, respondedAt: at.respondedAt ?? null, ignoredAt: at.ignoredAt ?? null };
}

/** A sender's earlier invitation that was ignored at `ignoredAt` and has since expired. */
export function ignoredThenExpired(ignoredAt: Date): PastInvitation {
  return { status: 'expired', ignoredAt, respondedAt: ignoredAt };
}

export function standingState(overrides: Partial<StandingState> = {}): StandingState {
  return { restrictedAt: null, restrictionEndsAt: null, restrictionCount: 0, lastLiftAt: null, ...overrides };
}

export function senderFacts(overrides: Partial<SenderFacts> = {}): SenderFacts {
  return { status: 'pending', viewedAt: null, lastSentAt: NOW, resendCount: 0, ...overrides };
}
