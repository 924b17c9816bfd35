// Dates and times on screen are written one way: formatRelative for "how long ago", formatDate and
// formatRenewal for a day, all month first.
import { describe, expect, it } from 'vitest';
import { formatDate, formatRelative, formatRenewal } from '../../web/src/ui/format.js';

const now = new Date('2026-12-08T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;
const DAY = 86_400_000;

describe('formatRelative', () => {
  it.each([
    ['seconds', ago(20_000), 'just now'],
    ['one minute', ago(MIN), '1 minute ago'],
    ['minutes', ago(12 * MIN), '12 minutes ago'],
    ['hours', ago(3 * 60 * MIN), '3 hours ago'],
    ['a day', ago(DAY + MIN), 'yesterday'],
    ['days', ago(5 * DAY), '5 days ago'],
    ['weeks', ago(21 * DAY), '3 weeks ago'],
    ['months', ago(125 * DAY), '4 months ago'],
    ['years', ago(800 * DAY), '2 years ago'],
  ])('%s', (_name, iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });
});

describe('one order for days', () => {
  it('writes the month first, with or without the year', () => {
    expect(formatDate('2026-12-29T12:00:00.000Z')).toBe('December 29, 2026');
    expect(formatRenewal('2027-01-01T00:00:00.000Z')).toBe('January 1');
  });
});
