import { describe, expect, it } from 'vitest';
import { decideSend } from '../../src/domain/send-rules.js';
import { NOW, policyWith, sendFacts } from './fixtures.js';

// Beyond the 2nd degree and without the address: only a shared group, and only when the policy says so, opens the way.
const stranger = { withinSecondDegree: false, connected: false };

describe('shared groups and eligibility (eligibilityThroughGroups)', () => {
  it.each([
    { rule: 'by default a shared group does not make a stranger eligible', policy: {}, shareAGroup: true, ok: false },
    { rule: 'with the key on, a shared group makes them eligible', policy: { eligibilityThroughGroups: true }, shareAGroup: true, ok: true },
    { rule: 'with the key on, no shared group: still not eligible', policy: { eligibilityThroughGroups: true }, shareAGroup: false, ok: false },
    { rule: 'with eligibility "anyone" groups do not matter', policy: { eligibility: 'anyone' as const }, shareAGroup: false, ok: true },
  ])('$rule', ({ policy, shareAGroup, ok }) => {
    const decision = decideSend(sendFacts({ ...stranger, shareAGroup }), policyWith(policy), NOW);
    expect(decision.ok).toBe(ok);
    if (!ok) expect(decision).toMatchObject({ code: 'not_eligible' });
  });

  it('the default policy keeps groups out of eligibility, as before the key existed', () => {
    expect(policyWith().eligibilityThroughGroups).toBe(false);
  });
});
