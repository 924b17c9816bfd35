import { describe, expect, it } from 'vitest';
import { decideContactStore, memberMatchesAllowed } from '../../src/domain/contact-rules.js';
import { defaultPolicy } from '../../src/domain/policy.js';

const policy = { ...defaultPolicy, maxContactsPerMember: 100, contactMembersShownPerDay: 10 };

describe('decideContactStore', () => {
  it.each([
    ['an import that fits is stored', 40, 60, true],
    ['an import that reaches the cap exactly is stored', 99, 1, true],
    ['an import that would pass the cap is refused whole', 99, 2, false],
    ['adding nothing is never refused, even past a lowered cap', 150, 0, true],
  ])('%s', (_rule, stored, adding, ok) => {
    const decision = decideContactStore(stored, adding, policy);
    expect(decision.ok).toBe(ok);
    if (!decision.ok) expect(decision).toEqual({ ok: false, code: 'contacts_limit_reached', max: 100, stored, adding });
  });
});

describe('memberMatchesAllowed', () => {
  it.each([
    ['the whole allowance when none was shown', 0, 10],
    ['what is left of it', 7, 3],
    ['none once it is spent, never less than none', 12, 0],
  ])('%s', (_rule, shown, left) => expect(memberMatchesAllowed(shown, policy)).toBe(left));
});
