import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  friendOfFriendRankKey,
  isSuggestedFriendOfFriend,
  mutualConnectionsOfRankKey,
  RANKED_CONNECTIONS_CAP,
  type FriendOfFriendFacts,
} from '../../src/domain/friends-of-friends.js';
import { compareSuggestionTies } from '../../src/domain/suggestion-rank.js';
import { GraphIndex } from '../../src/graph/graph-index.js';
import { randomGraph } from '../helpers/graph-model.js';

const friendOfFriend: FriendOfFriendFacts = { mutualConnections: 1, isViewer: false, isConnection: false, isCompany: false, isExcluded: false };

describe('isSuggestedFriendOfFriend', () => {
  it.each([
    ['a person who shares one connection with the viewer is suggested', {}, true],
    ['one who shares many is suggested', { mutualConnections: 40 }, true],
    ['one who shares none is not', { mutualConnections: 0 }, false],
    ['the viewer is never suggested to themself', { isViewer: true }, false],
    ['a connection is not suggested', { isConnection: true }, false],
    ['a company is not suggested', { isCompany: true }, false],
    ['an excluded member (blocked, invited, refused, dismissed) is not suggested', { isExcluded: true }, false],
  ] as [string, Partial<FriendOfFriendFacts>, boolean][])('%s', (_rule, facts, suggested) => {
    expect(isSuggestedFriendOfFriend({ ...friendOfFriend, ...facts })).toBe(suggested);
  });
});

describe('compareSuggestionTies', () => {
  it.each([
    ['more mutual connections first', { id: 2, mutualConnections: 3, connectionCount: 1 }, { id: 1, mutualConnections: 2, connectionCount: 90 }],
    ['on equal mutual connections, the better-connected member first', { id: 2, mutualConnections: 3, connectionCount: 9 }, { id: 1, mutualConnections: 3, connectionCount: 8 }],
    ['on both equal, the lower id first', { id: 1, mutualConnections: 3, connectionCount: 9 }, { id: 2, mutualConnections: 3, connectionCount: 9 }],
  ])('%s', (_rule, better, worse) => {
    expect(compareSuggestionTies(better, worse)).toBeLessThan(0);
    expect(compareSuggestionTies(worse, better)).toBeGreaterThan(0);
  });
});

describe('friendOfFriendRankKey', () => {
  it.each([
    ['holds the mutual connections', 7, 12, 7],
    ['holds none', 0, 12, 0],
    ['holds them whatever the connection count', 30_000, 30_000, 30_000],
    ['holds them past the connection cap', 5, RANKED_CONNECTIONS_CAP + 10, 5],
  ])('%s', (_rule, mutual, connections, held) => {
    expect(mutualConnectionsOfRankKey(friendOfFriendRankKey(mutual, connections))).toBe(held);
  });

  it('ranks connection counts past the cap alike', () => {
    expect(friendOfFriendRankKey(2, RANKED_CONNECTIONS_CAP)).toBe(friendOfFriendRankKey(2, RANKED_CONNECTIONS_CAP + 1));
  });

  it('reads no mutual connections from a key below any member (an empty heap)', () => {
    expect(Math.max(0, mutualConnectionsOfRankKey(Number.NEGATIVE_INFINITY))).toBe(0);
  });

  it('orders as compareSuggestionTies, the id breaking equal keys', () => {
    const member = fc.record({ id: fc.integer({ min: 1, max: 1000 }), mutualConnections: fc.integer({ min: 0, max: 0xffff }), connectionCount: fc.integer({ min: 0, max: RANKED_CONNECTIONS_CAP }) });
    fc.assert(
      fc.property(member, member, (a, b) => {
        const byKey = friendOfFriendRankKey(b.mutualConnections, b.connectionCount) - friendOfFriendRankKey(a.mutualConnections, a.connectionCount) || a.id - b.id;
        expect(Math.sign(byKey)).toBe(Math.sign(compareSuggestionTies(a, b)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('graph index suggestions follow the rules', () => {
  it('suggests exactly the friends of friends the rule accepts, in the order of the ties', () => {
    const { ids, pairs, model, random } = randomGraph(11, 300, 2500, (i) => 10 + 3 * i);
    const companies = new Uint8Array(ids.length);
    for (let i = 0; i < ids.length; i += 13) companies[i] = 1;
    const index = GraphIndex.fromEdges(ids, pairs, companies);
    const companyIds = new Set(ids.filter((_, i) => companies[i] === 1));
    for (let k = 0; k < 40; k++) {
      const viewer = ids[Math.floor(ids.length * random() ** 2)]!;
      const exclude = new Set(ids.filter(() => random() < 0.05));
      const expected = ids
        .map((id) => ({ id, mutualConnections: model.mutual(viewer, id).length, connectionCount: model.of(id).size }))
        .filter((m) =>
          isSuggestedFriendOfFriend({
            mutualConnections: m.mutualConnections,
            isViewer: m.id === viewer,
            isConnection: model.of(viewer).has(m.id),
            isCompany: companyIds.has(m.id),
            isExcluded: exclude.has(m.id),
          }),
        )
        .sort(compareSuggestionTies)
        .map(({ id, mutualConnections }) => ({ id, mutualConnections }));
      expect(index.suggest(viewer, { limit: 1000, exclude })).toEqual(expected);
    }
  });
});
