import { describe, expect, it } from 'vitest';
import { decideConnection, type ConnectingMember } from '../../src/domain/connection-rules.js';
import { decideReply, decideTransition, type InvitationAction, type TransitionActor } from '../../src/domain/invitation-state.js';
import { decideSend, decideSendToAddress, resolveAddressSend, type AddressSendFacts } from '../../src/domain/send-rules.js';
import { counts, policyWith, sendFacts } from './fixtures.js';

const policy = policyWith();
const NOW = new Date('2026-06-15T12:00:00Z');

describe('decideTransition: the table, who may ask, and withdraw after viewed', () => {
  const pending = { status: 'pending' as const, viewedAt: null };
  it.each([
    ['the recipient accepts', 'accept', 'recipient', { ok: true, to: 'accepted' }],
    ['the service accepts a crossing invitation', 'accept', 'service', { ok: true, to: 'accepted' }],
    ['the sender cannot accept their own invitation', 'accept', 'sender', { ok: false, code: 'forbidden' }],
    ['the sender withdraws', 'withdraw', 'sender', { ok: true, to: 'withdrawn' }],
    ['the service withdraws (a block)', 'withdraw', 'service', { ok: true, to: 'withdrawn' }],
    ['the recipient cannot withdraw', 'withdraw', 'recipient', { ok: false, code: 'forbidden' }],
    ['only the service expires an invitation', 'expire', 'recipient', { ok: false, code: 'forbidden' }],
    ['the service expires', 'expire', 'service', { ok: true, to: 'expired' }],
    ['the recipient reports', 'report', 'recipient', { ok: true, to: 'reported' }],
    ['the service declines for a recipient whose account closes', 'decline', 'service', { ok: true, to: 'declined' }],
    ['the sender cannot decline', 'decline', 'sender', { ok: false, code: 'forbidden' }],
  ] as [string, InvitationAction, TransitionActor, object][])('%s', (_label, action, actor, expected) => {
    expect(decideTransition(pending, action, actor, policy)).toMatchObject(expected);
  });

  it('a finished invitation moves no more', () => {
    expect(decideTransition({ status: 'declined', viewedAt: null }, 'accept', 'recipient', policy)).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(decideTransition({ status: 'accepted', viewedAt: null }, 'withdraw', 'sender', policy)).toMatchObject({ ok: false, code: 'withdraw_unavailable', reason: 'the invitation is accepted' });
  });

  it('a reported invitation reads "pending" in the sender\'s refusal, never "reported"', () => {
    expect(decideTransition({ status: 'reported', viewedAt: null }, 'withdraw', 'sender', policy)).toMatchObject({ reason: 'the invitation is pending' });
  });

  it('with withdrawAfterViewed off, neither the sender nor their auto-withdraw takes back a viewed invitation; a block still does', () => {
    const strict = policyWith({ withdrawAfterViewed: false });
    const viewed = { status: 'pending' as const, viewedAt: NOW };
    expect(decideTransition(viewed, 'withdraw', 'sender', strict)).toMatchObject({ ok: false, code: 'withdraw_unavailable' });
    expect(decideTransition(viewed, 'withdraw', 'service', strict)).toEqual({ ok: true, to: 'withdrawn' });
    expect(decideTransition(viewed, 'withdraw', 'sender', policy)).toEqual({ ok: true, to: 'withdrawn' });
  });
});

describe('decideConnection: every accept asks it', () => {
  const person = (id: number, connectionCount = 0): ConnectingMember => ({ id, kind: 'person', connectionCount });
  it.each([
    ['two people connect', [person(1), person(2)], false, { ok: true, outcome: 'connect' }],
    ['two members already connected stay so, counted once', [person(1), person(2)], true, { ok: true, outcome: 'already_connected' }],
    ['a company page never connects', [person(1), { id: 2, kind: 'company', connectionCount: 0 }], false, { ok: false, code: 'companies_cannot_connect' }],
    ['nobody passes maxConnections', [person(1, policy.maxConnections), person(2)], false, { ok: false, code: 'connection_limit_reached' }],
    ['one below maxConnections still connects', [person(1, policy.maxConnections - 1), person(2)], false, { ok: true, outcome: 'connect' }],
  ] as [string, ConnectingMember[], boolean, object][])('%s', (_label, members, connected, expected) => {
    expect(decideConnection(members, connected, policy)).toEqual(expected);
  });

  it('the limit comes from the policy', () => {
    expect(decideConnection([person(1, 5), person(2)], false, policyWith({ maxConnections: 5 }))).toMatchObject({ ok: false });
  });
});

describe('decideSendToAddress: only what the sender knows anyway', () => {
  const facts = (overrides: Partial<AddressSendFacts> = {}): AddressSendFacts => ({
    sender: { kind: 'person', tier: 'free', grantedExtra: 0, connectionCount: 0 },
    ownAddress: false,
    openOnAddress: false,
    counts: counts(),
    captcha: 'absent',
    ...overrides,
  });
  it.each([
    ['an address nobody stands in the way of is sent', {}, { ok: true }],
    ['their own address', { ownAddress: true }, { ok: false, code: 'cannot_invite_self' }],
    ['a company page cannot invite', { sender: { kind: 'company', tier: 'free', grantedExtra: 0, connectionCount: 0 } }, { ok: false, code: 'companies_cannot_connect', side: 'sender' }],
    ['their own earlier invitation to the address', { openOnAddress: true }, { ok: false, code: 'invitation_pending' }],
    ['their connection limit', { sender: { kind: 'person', tier: 'free', grantedExtra: 0, connectionCount: policy.maxConnections } }, { ok: false, code: 'connection_limit_reached', who: 'sender' }],
    ['their monthly quota', { counts: counts({ thisMonth: policy.monthlyLimit, lifetime: policy.monthlyLimit }) }, { ok: false, code: 'quota_exceeded' }],
    ['the captcha past the daily threshold', { counts: counts({ last24h: policy.captchaAfterPerDay }) }, { ok: false, code: 'captcha_required' }],
    ['a solved captcha past the threshold', { counts: counts({ last24h: policy.captchaAfterPerDay }), captcha: 'valid' }, { ok: true }],
  ] as [string, Partial<AddressSendFacts>, object][])('%s', (_label, overrides, expected) => {
    expect(decideSendToAddress(facts(overrides), policy, NOW)).toMatchObject(expected);
  });
});

describe("the owner's decision, read by an address send", () => {
  const counted = { charge: 'already_counted' as const, emailGiven: true, emailMatches: true };
  it('an invitation already counted is not charged again: no quota, no captcha', () => {
    const spent = counts({ lifetime: policy.lifetimeAllotment, last24h: policy.captchaAfterPerDay });
    expect(decideSend(sendFacts({ ...counted, counts: spent }), policy, NOW)).toEqual({ ok: true, outcome: 'invite' });
    expect(decideSend(sendFacts({ emailGiven: true, emailMatches: true, counts: spent }), policy, NOW)).toMatchObject({ ok: false, code: 'quota_exceeded' });
  });

  it.each([
    ['invitable: it reaches them', {}, 'invite'],
    ['they invited the sender: the two connect', { openInvitation: { id: 9, fromSender: false } }, 'accept_crossing'],
    ['blocked either way: dropped', { blocked: true }, 'drop'],
    ['already connected: dropped', { connected: true }, 'drop'],
    ['a company page: dropped', { recipient: { kind: 'company' } }, 'drop'],
    ['contacts only: dropped', { recipient: { invitationsFrom: 'contacts_only' } }, 'drop'],
    ['declined before: dropped', { history: [{ status: 'declined', respondedAt: NOW, ignoredAt: null }] }, 'drop'],
    ['at their connection limit: dropped', { recipient: { connectionCount: policy.maxConnections } }, 'drop'],
  ] as const)('%s', (_label, overrides, outcome) => {
    expect(resolveAddressSend(decideSend(sendFacts({ ...counted, ...overrides }), policy, NOW)).outcome).toBe(outcome);
  });
});

describe('decideReply: who may write on the thread', () => {
  it.each([
    ['the recipient answers a pending invitation without accepting', { status: 'pending', role: 'recipient', otherHasWritten: false }, true],
    ['the recipient still may after ignoring it', { status: 'ignored', role: 'recipient', otherHasWritten: false }, true],
    ['the sender may not start the thread', { status: 'pending', role: 'sender', otherHasWritten: false }, false],
    ['the sender answers once the recipient wrote', { status: 'pending', role: 'sender', otherHasWritten: true }, true],
    ['both write once it is accepted', { status: 'accepted', role: 'sender', otherHasWritten: false }, true],
    ['nobody writes on a withdrawn invitation', { status: 'withdrawn', role: 'recipient', otherHasWritten: true }, false],
  ] as const)('%s', (_label, facts, ok) => {
    expect(decideReply(facts).ok).toBe(ok);
  });
});
