import { describe, expect, it } from 'vitest';
import { checkIntroductionNote, decideIntroductionRequest, nextIntroductionStatus, type IntroductionRequestFacts } from '../../src/domain/introductions.js';
import { checkMessageBody, decideMessage, type MessageFacts } from '../../src/domain/messaging.js';
import { defaultPolicy } from '../../src/domain/policy.js';
import { policyWith } from './fixtures.js';

const intro = (over: Partial<IntroductionRequestFacts> = {}): IntroductionRequestFacts => ({
  requesterId: 1,
  introducerId: 2,
  targetId: 3,
  requesterTier: 'free',
  requesterConnectedToIntroducer: true,
  introducerConnectedToTarget: true,
  requesterConnectedToTarget: false,
  blocked: false,
  startedThisMonth: 0,
  openBetween: false,
  ...over,
});

describe('decideIntroductionRequest', () => {
  it.each([
    ['an introduction needs three different people', { targetId: 1 }, 'cannot_introduce_self'],
    ['a block among the three reads as nobody', { blocked: true }, 'not_found'],
    ['only your own connections can introduce you', { requesterConnectedToIntroducer: false }, 'not_connected_to_introducer'],
    ['the introducer must know the target', { introducerConnectedToTarget: false }, 'introducer_not_connected_to_target'],
    ['no introduction to someone you are connected with', { requesterConnectedToTarget: true }, 'already_connected'],
    ['one introduction at a time between two people', { openBetween: true }, 'introduction_pending'],
    ['free members start introductionsPerMonth.free a month', { startedThisMonth: defaultPolicy.introductionsPerMonth.free }, 'introduction_limit_reached'],
  ] as const)('%s', (_rule, over, code) => {
    expect(decideIntroductionRequest(intro(over), defaultPolicy)).toMatchObject({ ok: false, code });
  });

  it('premium members get introductionsPerMonth.premium', () => {
    const facts = intro({ requesterTier: 'premium', startedThisMonth: defaultPolicy.introductionsPerMonth.free });
    expect(decideIntroductionRequest(facts, defaultPolicy)).toEqual({ ok: true });
  });

  it('only the introducer forwards or declines a request, only the target connects a forwarded one', () => {
    expect(nextIntroductionStatus('requested', 'forward', 'introducer')).toBe('forwarded');
    expect(nextIntroductionStatus('requested', 'decline', 'introducer')).toBe('declined');
    expect(nextIntroductionStatus('requested', 'forward', 'requester')).toBeNull();
    expect(nextIntroductionStatus('forwarded', 'connect', 'target')).toBe('connected');
    expect(nextIntroductionStatus('requested', 'connect', 'target')).toBeNull();
    expect(nextIntroductionStatus('declined', 'forward', 'introducer')).toBeNull();
  });
});

const message = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  senderId: 1,
  recipientId: 2,
  senderTier: 'free',
  connected: false,
  blocked: false,
  recipientKind: 'person',
  inmailUsedThisMonth: 0,
  recipientHasWritten: false,
  ...over,
});

describe('decideMessage', () => {
  it('connections write freely', () => expect(decideMessage(message({ connected: true }), defaultPolicy)).toEqual({ ok: true, kind: 'direct' }));
  it('anyone may answer who wrote to them', () => expect(decideMessage(message({ recipientHasWritten: true }), defaultPolicy)).toEqual({ ok: true, kind: 'direct' }));
  it('free members have no InMail by default', () => expect(decideMessage(message(), defaultPolicy)).toMatchObject({ ok: false, code: 'not_connected' }));
  it('premium members spend inmailCreditsPerMonth.premium credits', () => {
    expect(decideMessage(message({ senderTier: 'premium' }), defaultPolicy)).toEqual({ ok: true, kind: 'inmail' });
    const used = defaultPolicy.inmailCreditsPerMonth.premium;
    expect(decideMessage(message({ senderTier: 'premium', inmailUsedThisMonth: used }), defaultPolicy)).toMatchObject({ ok: false, code: 'inmail_credits_exhausted', credits: used });
  });
  it('a block reads as nobody, even between connections', () => expect(decideMessage(message({ connected: true, blocked: true }), defaultPolicy)).toMatchObject({ ok: false, code: 'not_found' }));
  it('nobody writes to themself', () => expect(decideMessage(message({ recipientId: 1 }), defaultPolicy)).toMatchObject({ ok: false, code: 'cannot_message_self' }));
});

describe('text length caps', () => {
  it.each([
    ['a direct message', 'messageMaxLength', checkMessageBody],
    ['an introduction message or note', 'introductionNoteMaxLength', checkIntroductionNote],
  ] as const)('%s is capped at %s characters, and a changed value changes the cap', (_label, key, check) => {
    const max = defaultPolicy[key];
    expect(check('a'.repeat(max), defaultPolicy)).toMatchObject({ ok: true });
    expect(check('a'.repeat(max + 1), defaultPolicy)).toMatchObject({ ok: false, code: 'note_too_long', max });
    const policy = policyWith({ [key]: 10, noteMaxLength: 1 });
    expect(check('a'.repeat(10), policy)).toEqual({ ok: true, note: 'a'.repeat(10) });
    expect(check('a'.repeat(11), policy)).toMatchObject({ ok: false, code: 'note_too_long', max: 10 });
  });
});
