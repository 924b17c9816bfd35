// The web app's pure helpers for the growth screens: "what you have in common" sentences and the
// `?next=` return path after signing in from an invite link.
import { describe, expect, it } from 'vitest';
import { inCommonHints } from '../../web/src/ui/in-common.js';
import { nextPath } from '../../web/src/ui/router.js';

const none = { mutualConnections: 0, companies: [], schools: [], groups: [], skills: [] };

describe('inCommonHints', () => {
  it.each([
    ['nothing shared: no sentence', none, []],
    ['a company with overlapping years', { ...none, companies: [{ name: 'Lumen', overlap: { from: 2017, to: 2019 }, apart: false }] }, ['You both worked at Lumen (2017–2019)']],
    ['a company both are still at', { ...none, companies: [{ name: 'Lumen', overlap: { from: 2020, to: null }, apart: false }] }, ['You both worked at Lumen (since 2020)']],
    ['one year together', { ...none, schools: [{ name: 'IST', overlap: { from: 2014, to: 2014 }, apart: false }] }, ['You both studied at IST (in 2014)']],
    ['years that do not overlap', { ...none, companies: [{ name: 'Acme', overlap: null, apart: true }] }, ['You have both worked at Acme, at different times']],
    ['years unknown: nothing claimed about when', { ...none, companies: [{ name: 'Acme', overlap: null, apart: false }] }, ['You have both worked at Acme']],
    ['a group', { ...none, groups: [{ id: '1', name: 'Lisbon PMs' }] }, ['You are both in the group Lisbon PMs']],
    ['up to four skills, then a count', { ...none, skills: ['A', 'B', 'C', 'D', 'E', 'F'] }, ['Skills you share: A, B, C, D and 2 more']],
  ])('%s', (_name, inCommon, expected) => {
    expect(inCommonHints(inCommon)).toEqual(expected);
  });

  it('adds the mutual connections only when asked', () => {
    const shared = { ...none, mutualConnections: 3 };
    expect(inCommonHints(shared)).toEqual([]);
    expect(inCommonHints(shared, { withMutuals: true })).toEqual(['3 mutual connections']);
  });
});

describe('nextPath', () => {
  it.each([
    ['a path on this site', '?next=%2Finvite%2Fabc_DEF-123456789', '/invite/abc_DEF-123456789'],
    ['no parameter', '', null],
    ['another host, protocol-relative', '?next=%2F%2Fevil.example%2Fx', null],
    ['a backslash trick', '?next=%2F%5Cevil.example', null],
    ['a full URL', '?next=https%3A%2F%2Fevil.example%2F', null],
    ['a relative path', '?next=invite%2Fabc', null],
  ])('%s', (_name, search, expected) => {
    expect(nextPath(new URLSearchParams(search))).toBe(expected);
  });
});
