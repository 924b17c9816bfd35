import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { decideSend, type SendDecision } from '../../src/domain/send-rules.js';
import { daysAfter, daysBefore, mergeOverrides, NOW, past, policyWith, sendFacts, type SendFactsOverrides } from './fixtures.js';

const policy = defaultPolicy;
const INVITE: SendDecision = { ok: true, outcome: 'invite' };
const CROSSING_ID = 77;

interface Rule {
  /** What the check is about, for the order tests. */
  check: string;
  /** The sentence of the rule. */
  rule: string;
  /** The smallest change to an allowed send that breaks this rule. */
  violate: SendFactsOverrides;
  expected: SendDecision;
}

/** Every check of decideSend, in the order it must run. */
const ORDERED_RULES: Rule[] = [
  {
    check: 'inviting oneself',
    rule: 'a member may not invite themself',
    violate: { recipient: { id: sendFacts().sender.id } },
    expected: { ok: false, code: 'cannot_invite_self' },
  },
  {
    check: 'a block',
    rule: 'a member may not invite someone who blocked them, or whom they blocked',
    violate: { blocked: true },
    expected: { ok: false, code: 'blocked' },
  },
  {
    check: 'companies',
    rule: 'a company page may not be invited to connect',
    violate: { recipient: { kind: 'company' } },
    expected: { ok: false, code: 'companies_cannot_connect', side: 'recipient' },
  },
  {
    check: 'an existing connection',
    rule: 'a member may not invite someone they are already connected with',
    violate: { connected: true },
    expected: { ok: false, code: 'already_connected' },
  },
  {
    check: 'a pending invitation from the sender',
    rule: 'a sender may not invite someone who already has a pending invitation from them',
    violate: { openInvitation: { id: 5, fromSender: true } },
    expected: { ok: false, code: 'invitation_pending' },
  },
  {
    check: 'the email given',
    rule: 'an email given for the recipient must be the recipient\'s address',
    violate: { emailGiven: true, emailMatches: false },
    expected: { ok: false, code: 'email_mismatch' },
  },
  {
    check: 'the sender\'s connection cap',
    rule: 'a sender with maxConnections connections may not invite',
    violate: { sender: { connectionCount: policy.maxConnections } },
    expected: { ok: false, code: 'connection_limit_reached', who: 'sender' },
  },
  {
    check: 'the recipient\'s connection cap',
    rule: 'a recipient with maxConnections connections may not be invited',
    violate: { recipient: { connectionCount: policy.maxConnections } },
    expected: { ok: false, code: 'connection_limit_reached', who: 'recipient' },
  },
  {
    check: 'a crossing invitation',
    rule: 'when the recipient already invited the sender, that invitation is accepted instead',
    violate: { openInvitation: { id: CROSSING_ID, fromSender: false } },
    expected: { ok: true, outcome: 'accept_crossing', invitationId: CROSSING_ID },
  },
  {
    check: 'a reported earlier invitation',
    rule: 'a sender whose earlier invitation was reported is told an invitation is pending, never that it was reported',
    violate: { history: [past('reported', { respondedAt: daysBefore(NOW, 1) })] },
    expected: { ok: false, code: 'invitation_pending' },
  },
  {
    check: 'the reinvite rules',
    rule: 'a sender may not invite again after the recipient declined',
    violate: { history: [past('declined', { respondedAt: daysBefore(NOW, 1) })] },
    expected: { ok: false, code: 'reinvite_forbidden' },
  },
  {
    check: 'the recipient\'s contacts-only setting',
    rule: 'a recipient who accepts invitations only from contacts is not accepting from others',
    violate: { recipient: { invitationsFrom: 'contacts_only' } },
    expected: { ok: false, code: 'recipient_not_accepting' },
  },
  {
    check: 'the recipient\'s email-or-contacts setting',
    rule: 'a recipient who accepts only people who know their email requires the email from others',
    violate: { recipient: { invitationsFrom: 'email_or_contacts' } },
    expected: { ok: false, code: 'email_required', reason: 'recipient_setting' },
  },
  {
    check: 'the sender\'s restriction',
    rule: 'a restricted sender must give the recipient\'s email',
    violate: { sender: { restricted: true } },
    expected: { ok: false, code: 'email_required', reason: 'sender_restricted' },
  },
  {
    check: 'eligibility',
    rule: 'a sender may not invite someone outside their 2nd degree without the recipient\'s email',
    violate: { withinSecondDegree: false },
    expected: { ok: false, code: 'not_eligible' },
  },
  {
    check: 'the quotas',
    rule: 'a sender who used the whole lifetime allotment may not invite',
    violate: { counts: { lifetime: policy.lifetimeAllotment } },
    expected: { ok: false, code: 'quota_exceeded', limit: 'lifetime', resetAt: null },
  },
  {
    check: 'the captcha',
    rule: 'a sender at captchaAfterPerDay sends in 24 h must solve a captcha',
    violate: { counts: { last24h: policy.captchaAfterPerDay }, captcha: 'absent' },
    expected: { ok: false, code: 'captcha_required' },
  },
];

describe('decideSend: each rule on its own', () => {
  it('an invitation that breaks no rule is sent', () => {
    expect(decideSend(sendFacts(), policy, NOW)).toEqual(INVITE);
  });

  it.each(ORDERED_RULES)('$rule', ({ violate, expected }) => {
    expect(decideSend(sendFacts(violate), policy, NOW)).toEqual(expected);
  });
});

describe('decideSend: the order of the checks', () => {
  const pairs = ORDERED_RULES.flatMap((first, i) => ORDERED_RULES.slice(i + 1).map((later) => ({ first, later })));

  it.each(pairs.map(({ first, later }) => [first.check, later.check, first, later] as const))(
    'the check of %s comes before the check of %s',
    (_a, _b, first, later) => {
      expect(decideSend(sendFacts(mergeOverrides(first.violate, later.violate)), policy, NOW)).toEqual(first.expected);
    },
  );

  it.each(ORDERED_RULES.map((rule, i) => [rule.check, i] as const))(
    'when %s and every later check fail, that check is the answer',
    (_check, i) => {
      const violations = ORDERED_RULES.slice(i).reduceRight<SendFactsOverrides>((acc, rule) => mergeOverrides(rule.violate, acc), {});
      expect(decideSend(sendFacts(violations), policy, NOW)).toEqual(ORDERED_RULES[i]!.expected);
    },
  );
});

describe('decideSend: who the two are and what is between them', () => {
  it.each([
    ['a company may not invite a person', { sender: { kind: 'company' } }, { ok: false, code: 'companies_cannot_connect', side: 'sender' }],
    ['a person may not invite a company', { recipient: { kind: 'company' } }, { ok: false, code: 'companies_cannot_connect', side: 'recipient' }],
    ['a company may not invite a company', { sender: { kind: 'company' }, recipient: { kind: 'company' } }, { ok: false, code: 'companies_cannot_connect', side: 'sender' }],
    ['a sender one below maxConnections may invite', { sender: { connectionCount: policy.maxConnections - 1 } }, INVITE],
    ['a recipient one below maxConnections may be invited', { recipient: { connectionCount: policy.maxConnections - 1 } }, INVITE],
    ['a correct email for the recipient is accepted', { emailGiven: true, emailMatches: true }, INVITE],
  ] as [string, SendFactsOverrides, SendDecision][])('%s', (_label, overrides, expected) => {
    expect(decideSend(sendFacts(overrides), policy, NOW)).toEqual(expected);
  });

  it('the connection cap comes from the policy', () => {
    const small = policyWith({ maxConnections: 10 });
    expect(decideSend(sendFacts({ sender: { connectionCount: small.maxConnections } }), small, NOW)).toMatchObject({ code: 'connection_limit_reached' });
    expect(decideSend(sendFacts({ sender: { connectionCount: small.maxConnections - 1 } }), small, NOW)).toEqual(INVITE);
  });

  it('the sender\'s connection cap is checked before the recipient\'s', () => {
    const both = sendFacts({ sender: { connectionCount: policy.maxConnections }, recipient: { connectionCount: policy.maxConnections } });
    expect(decideSend(both, policy, NOW)).toEqual({ ok: false, code: 'connection_limit_reached', who: 'sender' });
  });
});

describe('decideSend: reinvite rules', () => {
  const withdrawnAt = daysBefore(NOW, 1);
  it.each([
    ['a sender may not invite again after the recipient declined', [past('declined', { respondedAt: withdrawnAt })], { ok: false, code: 'reinvite_forbidden' }],
    // A reported invitation reads "pending" to its sender, so a new send says so instead of revealing the report.
    ['a sender may not invite again after the recipient reported the invitation, and is told it is pending', [past('reported', { respondedAt: withdrawnAt })], { ok: false, code: 'invitation_pending' }],
    [
      'a report anywhere in the history answers invitation_pending, even next to a decline',
      [past('declined', { respondedAt: withdrawnAt }), past('reported', { respondedAt: daysBefore(NOW, 400) })],
      { ok: false, code: 'invitation_pending' },
    ],
    [
      'a sender who withdrew an invitation must wait reinviteAfterWithdrawDays',
      [past('withdrawn', { respondedAt: withdrawnAt })],
      { ok: false, code: 'reinvite_cooldown', retryAfter: daysAfter(withdrawnAt, policy.reinviteAfterWithdrawDays) },
    ],
    [
      'a sender whose invitation was ignored must wait reinviteAfterIgnoreDays[0]',
      [past('expired', { ignoredAt: withdrawnAt, respondedAt: withdrawnAt })],
      { ok: false, code: 'reinvite_cooldown', retryAfter: daysAfter(withdrawnAt, policy.reinviteAfterIgnoreDays[0]!) },
    ],
  ] as const)('%s', (_label, history, expected) => {
    expect(decideSend(sendFacts({ history }), policy, NOW)).toEqual(expected);
  });

  it('a sender may invite again once the withdrawal wait has passed', () => {
    const facts = sendFacts({ history: [past('withdrawn', { respondedAt: withdrawnAt })] });
    expect(decideSend(facts, policy, daysAfter(withdrawnAt, policy.reinviteAfterWithdrawDays))).toEqual(INVITE);
  });
});

describe('decideSend: whom the recipient accepts invitations from', () => {
  it.each([
    ['a recipient open to everyone may be invited by anyone in reach', { recipient: { invitationsFrom: 'everyone' } }, INVITE],
    ['a contacts-only recipient may be invited by a sender among their contacts', { recipient: { invitationsFrom: 'contacts_only' }, senderInRecipientContacts: true }, INVITE],
    [
      'a contacts-only recipient is not accepting from a sender who only knows their email',
      { recipient: { invitationsFrom: 'contacts_only' }, emailGiven: true, emailMatches: true },
      { ok: false, code: 'recipient_not_accepting' },
    ],
    [
      'an email-or-contacts recipient requires the email from a sender not in their contacts',
      { recipient: { invitationsFrom: 'email_or_contacts' } },
      { ok: false, code: 'email_required', reason: 'recipient_setting' },
    ],
    ['an email-or-contacts recipient may be invited by a sender who gives their email', { recipient: { invitationsFrom: 'email_or_contacts' }, emailGiven: true, emailMatches: true }, INVITE],
    ['an email-or-contacts recipient may be invited by a sender among their contacts', { recipient: { invitationsFrom: 'email_or_contacts' }, senderInRecipientContacts: true }, INVITE],
  ] as [string, SendFactsOverrides, SendDecision][])('%s', (_label, overrides, expected) => {
    expect(decideSend(sendFacts(overrides), policy, NOW)).toEqual(expected);
  });
});

describe('decideSend: restricted senders', () => {
  it.each([
    ['a restricted sender without the recipient\'s email is required to give it', { sender: { restricted: true } }, { ok: false, code: 'email_required', reason: 'sender_restricted' }],
    ['a restricted sender who gives the recipient\'s email may invite', { sender: { restricted: true }, emailGiven: true, emailMatches: true }, INVITE],
    [
      'a restricted sender among the recipient\'s contacts still has to give the email',
      { sender: { restricted: true }, senderInRecipientContacts: true },
      { ok: false, code: 'email_required', reason: 'sender_restricted' },
    ],
  ] as [string, SendFactsOverrides, SendDecision][])('%s', (_label, overrides, expected) => {
    expect(decideSend(sendFacts(overrides), policy, NOW)).toEqual(expected);
  });

  it('a restricted sender has to give the email even when eligibility is "anyone"', () => {
    expect(decideSend(sendFacts({ sender: { restricted: true } }), policyWith({ eligibility: 'anyone' }), NOW)).toEqual({
      ok: false,
      code: 'email_required',
      reason: 'sender_restricted',
    });
  });
});

describe('decideSend: eligibility', () => {
  const anyone = policyWith({ eligibility: 'anyone' });
  it.each([
    ['with second_degree_or_email a sender may invite within their 2nd degree', policy, {}, INVITE],
    ['with second_degree_or_email a sender may not invite beyond their 2nd degree without the email', policy, { withinSecondDegree: false }, { ok: false, code: 'not_eligible' }],
    ['with second_degree_or_email a sender may invite beyond their 2nd degree with the recipient\'s email', policy, { withinSecondDegree: false, emailGiven: true, emailMatches: true }, INVITE],
    ['with second_degree_or_email being in the recipient\'s contacts does not replace the email', policy, { withinSecondDegree: false, senderInRecipientContacts: true }, { ok: false, code: 'not_eligible' }],
    ['with eligibility "anyone" a sender may invite beyond their 2nd degree without the email', anyone, { withinSecondDegree: false }, INVITE],
    [
      'with eligibility "anyone" the recipient\'s setting still applies',
      anyone,
      { withinSecondDegree: false, recipient: { invitationsFrom: 'email_or_contacts' } },
      { ok: false, code: 'email_required', reason: 'recipient_setting' },
    ],
  ] as [string, typeof policy, SendFactsOverrides, SendDecision][])('%s', (_label, rules, overrides, expected) => {
    expect(decideSend(sendFacts(overrides), rules, NOW)).toEqual(expected);
  });
});

describe('decideSend: quotas', () => {
  const weekly = policyWith({ weeklyLimit: 10 });
  const oldest = daysBefore(NOW, 2);
  it.each([
    ['a sender below every limit may invite', policy, { counts: { lifetime: policy.lifetimeAllotment - 1, thisMonth: policy.monthlyLimit - 1 } }, INVITE],
    [
      'a sender who used the lifetime allotment may not invite, and it never resets',
      policy,
      { counts: { lifetime: policy.lifetimeAllotment } },
      { ok: false, code: 'quota_exceeded', limit: 'lifetime', resetAt: null },
    ],
    ['admin grants add to a sender\'s lifetime allotment', policy, { counts: { lifetime: policy.lifetimeAllotment }, sender: { grantedExtra: 1 } }, INVITE],
    [
      'a free sender at monthlyLimit may not invite until the 1st of next month (UTC)',
      policy,
      { counts: { thisMonth: policy.monthlyLimit } },
      { ok: false, code: 'quota_exceeded', limit: 'monthly', resetAt: new Date('2025-07-01T00:00:00.000Z') },
    ],
    ['a premium sender at the free monthlyLimit may still invite', policy, { counts: { thisMonth: policy.monthlyLimit }, sender: { tier: 'premium' } }, INVITE],
    [
      'a premium sender at premiumMonthlyLimit may not invite',
      policy,
      { counts: { thisMonth: policy.premiumMonthlyLimit }, sender: { tier: 'premium' } },
      { ok: false, code: 'quota_exceeded', limit: 'monthly', resetAt: new Date('2025-07-01T00:00:00.000Z') },
    ],
    [
      'a sender at the weekly limit may not invite until 7 days after the oldest send of the week',
      weekly,
      { counts: { last7Days: weekly.weeklyLimit!, oldestInLast7Days: oldest } },
      { ok: false, code: 'quota_exceeded', limit: 'weekly', resetAt: daysAfter(oldest, 7) },
    ],
    ['with weeklyLimit null there is no weekly limit', policy, { counts: { last7Days: policy.monthlyLimit - 1, oldestInLast7Days: oldest } }, INVITE],
  ] as [string, typeof policy, SendFactsOverrides, SendDecision][])('%s', (_label, rules, overrides, expected) => {
    expect(decideSend(sendFacts(overrides), rules, NOW)).toEqual(expected);
  });

  it('the monthly limit resets in January after a December refusal', () => {
    const december = new Date('2025-12-20T09:00:00.000Z');
    expect(decideSend(sendFacts({ counts: { thisMonth: policy.monthlyLimit } }), policy, december)).toEqual({
      ok: false,
      code: 'quota_exceeded',
      limit: 'monthly',
      resetAt: new Date('2026-01-01T00:00:00.000Z'),
    });
  });
});

describe('decideSend: captcha', () => {
  const at = policy.captchaAfterPerDay;
  it.each([
    ['at captchaAfterPerDay sends a send without a captcha is refused as captcha_required', at, 'absent', { ok: false, code: 'captcha_required' }],
    ['at captchaAfterPerDay sends a send with a wrong captcha is refused as captcha_invalid', at, 'invalid', { ok: false, code: 'captcha_invalid' }],
    ['at captchaAfterPerDay sends a send with a solved captcha is allowed', at, 'valid', INVITE],
    ['above captchaAfterPerDay sends a send without a captcha is refused', at + 1, 'absent', { ok: false, code: 'captcha_required' }],
    ['below captchaAfterPerDay sends no captcha is needed', at - 1, 'absent', INVITE],
    ['below captchaAfterPerDay sends a wrong captcha is ignored', at - 1, 'invalid', INVITE],
    ['below captchaAfterPerDay sends a solved captcha is ignored', at - 1, 'valid', INVITE],
  ] as const)('%s', (_label, last24h, captcha, expected) => {
    expect(decideSend(sendFacts({ counts: { last24h }, captcha }), policy, NOW)).toEqual(expected);
  });

  it('the captcha threshold comes from the policy', () => {
    const strict = policyWith({ captchaAfterPerDay: 0 });
    expect(decideSend(sendFacts({ captcha: 'absent' }), strict, NOW)).toEqual({ ok: false, code: 'captcha_required' });
    expect(decideSend(sendFacts({ captcha: 'valid' }), strict, NOW)).toEqual(INVITE);
  });

  it('a quota refusal comes before a captcha request', () => {
    const facts = sendFacts({ counts: { thisMonth: policy.monthlyLimit, last24h: at }, captcha: 'invalid' });
    expect(decideSend(facts, policy, NOW)).toMatchObject({ ok: false, code: 'quota_exceeded', limit: 'monthly' });
  });
});
