// The web app's pure helpers for allowances and the first-run mark: the renewal day as the pages
// write it (read in UTC, as the allowance runs by the UTC calendar) and the `?welcome=1` mark that
// sign-up puts on the page it returns to.
import { describe, expect, it } from 'vitest';
import { formatRenewal } from '../../web/src/ui/format.js';
import { firstRunAt } from '../../web/src/ui/router.js';

describe('formatRenewal', () => {
  it.each([
    ['the first of next month', '2026-12-01T00:00:00.000Z', 'December 1'],
    ['the turn of the year', '2027-01-01T00:00:00.000Z', 'January 1'],
    ['not a date', 'soon', ''],
  ])('%s', (_name, iso, expected) => {
    expect(formatRenewal(iso)).toBe(expected);
  });
});

describe('firstRunAt', () => {
  it.each([
    ['an invite link', '/invite/abc_DEF-123', '/invite/abc_DEF-123?welcome=1'],
    ['a path with a query and a fragment', '/search?q=ada#top', '/search?q=ada&welcome=1#top'],
    ['a path already marked', '/invite/abc?welcome=1', '/invite/abc?welcome=1'],
  ])('%s', (_name, next, expected) => {
    expect(firstRunAt(next)).toBe(expected);
  });
});
