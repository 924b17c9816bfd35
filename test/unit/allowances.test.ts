import { describe, expect, it } from 'vitest';
import { allowancesOf, monthlyAllowance } from '../../src/domain/allowances.js';
import { defaultPolicy } from '../../src/domain/policy.js';

describe('monthlyAllowance', () => {
  it('never shows less than nothing left, and renews on the 1st of next month (UTC)', () => {
    const now = new Date('2026-12-31T23:59:59Z');
    expect(monthlyAllowance(5, 2, now)).toEqual({ limit: 5, used: 2, remaining: 3, renewsAt: new Date('2027-01-01T00:00:00Z') });
    expect(monthlyAllowance(1, 3, now).remaining).toBe(0);
  });

  it('takes each limit from the policy for the member tier', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(allowancesOf('free', { introductions: 1, inmail: 0 }, defaultPolicy, now)).toMatchObject({ introductions: { limit: 5, remaining: 4 }, inmail: { limit: 0, remaining: 0 } });
    expect(allowancesOf('premium', { introductions: 1, inmail: 2 }, defaultPolicy, now)).toMatchObject({ introductions: { limit: 15, remaining: 14 }, inmail: { limit: 5, remaining: 3 } });
  });
});
