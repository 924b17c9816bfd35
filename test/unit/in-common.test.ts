import { describe, expect, it } from 'vitest';
import { primaryActionFor } from '../../src/domain/follow.js';
import { sharedPlaces, yearOverlap } from '../../src/domain/in-common.js';

describe('yearOverlap', () => {
  it.each([
    { a: { from: 2010, to: 2015 }, b: { from: 2012, to: 2020 }, overlap: { from: 2012, to: 2015 } },
    { a: { from: 2010, to: 2015 }, b: { from: 2015, to: 2016 }, overlap: { from: 2015, to: 2015 } },
    { a: { from: 2010, to: 2012 }, b: { from: 2013, to: 2016 }, overlap: null },
    { a: { from: 2010, to: null }, b: { from: 2018, to: 2020 }, overlap: { from: 2018, to: 2020 } },
    { a: { from: 2010, to: null }, b: { from: 2018, to: null }, overlap: { from: 2018, to: null } },
    { a: { from: 2027, to: null }, b: { from: 2010, to: 2012 }, overlap: null },
    { a: { from: null, to: 2015 }, b: { from: 2012, to: 2020 }, overlap: null },
    { a: { from: 2030, to: null }, b: { from: 2030, to: null }, overlap: null }, // both start after this year
  ])('$a and $b share $overlap', ({ a, b, overlap }) => {
    expect(yearOverlap(a, b, 2026)).toEqual(overlap);
    expect(yearOverlap(b, a, 2026)).toEqual(overlap);
  });
});

describe('sharedPlaces', () => {
  it('keeps one entry per place, case-insensitively, with the longest overlap, overlapping places first', () => {
    const places = sharedPlaces(
      [
        { name: 'Zeta Labs', viewer: { from: 2001, to: 2003 }, member: { from: 2004, to: 2006 } },
        { name: 'Acme', viewer: { from: 2010, to: 2012 }, member: { from: 2011, to: 2012 } },
        { name: 'ACME', viewer: { from: 2015, to: null }, member: { from: 2016, to: null } },
        { name: 'Beta', viewer: { from: null, to: null }, member: { from: 2000, to: 2001 } },
      ],
      2026,
    );
    expect(places).toEqual([
      { name: 'Acme', overlap: { from: 2016, to: null }, apart: false },
      { name: 'Beta', overlap: null, apart: false },
      { name: 'Zeta Labs', overlap: null, apart: true },
    ]);
  });

  it('says "apart" only when both gave years that never meet; one unknown pair does not undo a known one', () => {
    const places = sharedPlaces(
      [
        { name: 'Acme', viewer: { from: 2001, to: 2002 }, member: { from: null, to: null } },
        { name: 'Acme', viewer: { from: 2001, to: 2002 }, member: { from: 2010, to: 2011 } },
        { name: 'Nowhen', viewer: { from: null, to: null }, member: { from: null, to: null } },
      ],
      2026,
    );
    expect(places).toEqual([
      { name: 'Acme', overlap: null, apart: true },
      { name: 'Nowhen', overlap: null, apart: false },
    ]);
  });
});

describe('primaryActionFor', () => {
  it.each([
    { self: true, connected: false, followPrimary: true, refusal: undefined, action: null },
    { self: false, connected: true, followPrimary: true, refusal: 'already_connected', action: null },
    { self: false, connected: false, followPrimary: false, refusal: undefined, action: 'connect' },
    { self: false, connected: false, followPrimary: false, refusal: 'not_eligible', action: 'connect' },
    { self: false, connected: false, followPrimary: true, refusal: undefined, action: 'follow' },
    { self: false, connected: false, followPrimary: false, refusal: 'companies_cannot_connect', action: 'follow' },
    { self: false, connected: false, followPrimary: false, refusal: 'connection_limit_reached', action: 'follow' },
  ] as const)('self $self, connected $connected, follow first $followPrimary, refusal $refusal → $action', ({ action, ...state }) => {
    expect(primaryActionFor(state)).toBe(action);
  });
});
