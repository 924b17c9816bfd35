import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { rankSuggestions, suggestionReasons, suggestionScore, type SuggestionSignals } from '../../src/domain/suggestion-rank.js';

const weights = defaultPolicy.suggestionWeights;
const nothing: SuggestionSignals = { id: 1, mutualConnections: 0, companies: [], schools: [], groups: [], inContacts: false, connectionCount: 0 };

describe('suggestionScore', () => {
  it.each([
    [{}, 0],
    [{ mutualConnections: 7 }, 7],
    [{ companies: ['Acme'] }, 4],
    [{ companies: ['Acme', 'Globex'] }, 4],
    [{ schools: ['Delft'] }, 3],
    [{ groups: ['Chess'] }, 1],
    [{ inContacts: true }, 10],
    [{ mutualConnections: 2, companies: ['Acme'], schools: ['Delft'], groups: ['Chess'], inContacts: true }, 20],
  ] as [Partial<SuggestionSignals>, number][])('%j scores %d with the default weights', (signals, score) => {
    expect(suggestionScore({ ...nothing, ...signals }, weights)).toBe(score);
  });

  it('takes every weight from the policy', () => {
    const custom = { mutualConnection: 2, sharedCompany: 0, sharedSchool: 5, sharedGroup: 7, importedContact: 0 };
    expect(suggestionScore({ ...nothing, mutualConnections: 3, companies: ['A'], schools: ['B'], groups: ['C'], inContacts: true }, custom)).toBe(18);
  });
});

describe('rankSuggestions', () => {
  it('orders by score, then mutual connections, then how connected, then id; drops members with nothing in common', () => {
    const ranked = rankSuggestions(
      [
        { ...nothing, id: 1, mutualConnections: 4 },
        { ...nothing, id: 2, companies: ['Acme'] },
        { ...nothing, id: 3, mutualConnections: 3, groups: ['Chess'], connectionCount: 9 },
        { ...nothing, id: 4, mutualConnections: 4, connectionCount: 1 },
        { ...nothing, id: 5 },
        { ...nothing, id: 6, inContacts: true },
      ],
      weights,
    );
    expect(ranked.map((r) => [r.id, r.score])).toEqual([[6, 10], [4, 4], [1, 4], [3, 4], [2, 4]]);
  });
});

describe('suggestionReasons', () => {
  it('puts contacts first, then mutual connections, then the first shared place of each kind', () => {
    expect(suggestionReasons({ ...nothing, mutualConnections: 1, companies: ['Acme', 'Globex'], schools: ['Delft'], groups: ['Chess'], inContacts: true })).toEqual([
      'In your contacts',
      '1 mutual connection',
      'Also worked at Acme',
      'Also studied at Delft',
      'Also a member of Chess',
    ]);
    expect(suggestionReasons({ ...nothing, mutualConnections: 12 })).toEqual(['12 mutual connections']);
  });
});
