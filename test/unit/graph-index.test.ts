import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphIndexBuilder } from '../../src/graph/graph-index-builder.js';
import { GraphIndex } from '../../src/graph/graph-index.js';
import { intersectCount, intersectInto, intersects } from '../../src/graph/intersect.js';
import { TopK } from '../../src/graph/top-k.js';
import { Model, randomGraph, sortedUnique } from '../helpers/graph-model.js';

function expectSame(index: GraphIndex, model: Model, ids: readonly number[], random: () => number, companies = new Set<number>()) {
  expect(index.directedEdgeCount).toBe([...model.adjacency.values()].reduce((sum, set) => sum + set.size, 0));
  for (let k = 0; k < 400; k++) {
    const a = ids[Math.floor(ids.length * random() ** 2)]!;
    const b = ids[Math.floor(ids.length * random())]!;
    expect(index.areConnected(a, b), `connected ${a} ${b}`).toBe(model.of(a).has(b));
    expect(index.degree(a, b), `degree ${a} ${b}`).toBe(model.degree(a, b));
    expect(index.mutualCount(a, b), `mutual ${a} ${b}`).toBe(model.mutual(a, b).length);
    expect(index.mutualList(a, b, 5, 0)).toEqual(model.mutualList(a, b).slice(0, 5));
    expect(index.mutualList(a, b, 3, 2)).toEqual(model.mutualList(a, b).slice(2, 5));
    expect(index.connectionCount(a)).toBe(model.of(a).size);
  }
  for (let k = 0; k < 60; k++) {
    const v = ids[Math.floor(ids.length * random() ** 2)]!;
    const exclude = new Set(ids.filter(() => random() < 0.05));
    expect(index.suggest(v, { limit: 10, exclude }), `suggest ${v}`).toEqual(model.suggest(v, exclude, companies).slice(0, 10));
    expect(index.suggest(v, { limit: 4, offset: 3, exclude })).toEqual(model.suggest(v, exclude, companies).slice(3, 7));
  }
}

describe('sorted intersections', () => {
  it('count, test and list what two sorted lists share, merging or galloping', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 3000 }), (x, y) => {
        const a = sortedUnique(x);
        const b = sortedUnique(y);
        const expected = [...a].filter((value) => b.includes(value));
        expect(intersectCount(a, 0, a.length, b, 0, b.length)).toBe(expected.length);
        expect(intersectCount(b, 0, b.length, a, 0, a.length)).toBe(expected.length);
        expect(intersects(a, 0, a.length, b, 0, b.length)).toBe(expected.length > 0);
        const out = new Int32Array(Math.min(a.length, b.length));
        expect([...out.subarray(0, intersectInto(b, 0, b.length, a, 0, a.length, out))]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('works on ranges inside a larger array', () => {
    const all = Int32Array.from([9, 1, 3, 5, 7, 0, 3, 4, 5, 9]);
    expect(intersectCount(all, 1, 5, all, 5, 9)).toBe(2); // [1,3,5,7] ∩ [0,3,4,5]
    expect(intersects(all, 1, 3, all, 7, 9)).toBe(false); // [1,3] ∩ [4,5]
  });
});

describe('top-k selection', () => {
  it('keeps the best by key, then the lowest id, whatever the order of offers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 10_000 })), { maxLength: 200 }), fc.integer({ min: 0, max: 30 }), (entries, k) => {
        const unique = [...new Map(entries.map(([key, id]) => [id, key])).entries()].map(([id, key]) => ({ id, key }));
        const top = new TopK(k);
        for (const { id, key } of unique) top.offer(id, key, id);
        const expected = [...unique].sort((x, y) => y.key - x.key || x.id - y.id).slice(0, k);
        expect(top.drain().map(({ node, key }) => ({ id: node, key }))).toEqual(expected);
      }),
    );
  });
});

describe('graph index ≡ adjacency sets', () => {
  for (const [label, idOf] of [
    ['dense ids', (i: number) => i + 1],
    ['sparse ids', (i: number) => 1000 + 7 * i],
    ['huge ids (Map)', (i: number) => 2 ** 40 + 3 * i],
  ] as const) {
    it(`answers degree, mutual counts and lists, and suggestions like the model (${label})`, () => {
      const { ids, pairs, model, random } = randomGraph(7, 300, 1200, idOf);
      const index = GraphIndex.fromEdges(ids, pairs);
      expectSame(index, model, ids, random);
    });
  }

  it('counts what two long lists share exactly (the bitset path), in the build and in the overlay', () => {
    const n = 20_000;
    const ids = Array.from({ length: n }, (_, i) => i + 1);
    const hubA = 0;
    const hubB = 1;
    const pairs: number[] = [];
    // hubA: every 3rd member; hubB: every 4th; they share every 12th.
    for (let i = 2; i < n; i++) {
      if (i % 3 === 0) pairs.push(hubA, i);
      if (i % 4 === 0) pairs.push(hubB, i);
    }
    const model = new Model(ids);
    for (let k = 0; k < pairs.length; k += 2) model.set(ids[pairs[k]!]!, ids[pairs[k + 1]!]!, true);
    const index = GraphIndex.fromEdges(ids, Int32Array.from(pairs));
    expect(index.connectionCount(1)).toBeGreaterThan(4096);
    expect(index.mutualCount(1, 2)).toBe(model.mutual(1, 2).length);
    for (const [a, b, connected] of [[1, 9, true], [2, 9, true], [1, 13, false], [2, 5, true]] as const) {
      index.setConnected(a, b, connected);
      model.set(a, b, connected);
    }
    expect(index.mutualCount(1, 2)).toBe(model.mutual(1, 2).length);
    expect(index.mutualCount(2, 1)).toBe(model.mutual(1, 2).length);
    // The scratch bitset is left clean: a small pair after it is still exact.
    expect(index.mutualCount(1, 13)).toBe(model.mutual(1, 13).length);
    expect(index.degree(9, 5)).toBe(model.degree(9, 5));
  });

  it('stays exact through random additions and removals, before and after compaction', async () => {
    const { ids, pairs, model, random } = randomGraph(11, 250, 900, (i) => i + 1);
    const index = GraphIndex.fromEdges(ids, pairs);
    const allIds = [...ids];
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 300; k++) {
        // New members join now and then, through their first connection.
        if (random() < 0.05) allIds.push(10_000 + allIds.length);
        const a = allIds[Math.floor(allIds.length * random() ** 2)]!;
        const b = allIds[Math.floor(allIds.length * random())]!;
        const connect = random() < 0.6;
        index.setConnected(a, b, connect);
        model.set(a, b, connect);
      }
      expectSame(index, model, allIds, random);
      await index.compactNow();
      expect(index.overlayMembers).toBe(0);
      expectSame(index, model, allIds, random);
    }
  });

  it('keeps changes made while a compaction runs', async () => {
    const { ids, pairs, model, random } = randomGraph(5, 3000, 20000, (i) => i + 1);
    const index = GraphIndex.fromEdges(ids, pairs);
    for (let k = 0; k < 200; k++) {
      const a = ids[Math.floor(3000 * random())]!;
      const b = ids[Math.floor(3000 * random())]!;
      index.setConnected(a, b, true);
      model.set(a, b, true);
    }
    let yields = 0;
    const running = index.compact({
      sliceMs: 0,
      yieldTo: async () => {
        yields++;
        // Changes land between slices, on members already copied and on ones not yet copied.
        const a = ids[Math.floor(3000 * random())]!;
        const b = ids[Math.floor(3000 * random())]!;
        const connect = random() < 0.5;
        index.setConnected(a, b, connect);
        model.set(a, b, connect);
      },
    });
    await running;
    expect(yields).toBeGreaterThan(0);
    expect(index.overlayMembers).toBeGreaterThan(0);
    expectSame(index, model, ids, random);
  });

  it('never suggests companies, and re-counts exactly when a hub exhausts the walking budget', () => {
    const { ids, pairs, model, random } = randomGraph(3, 400, 3000, (i) => i + 1);
    const companies = new Uint8Array(400);
    const companyIds = new Set<number>();
    for (let i = 0; i < 400; i += 17) {
      companies[i] = 1;
      companyIds.add(ids[i]!);
    }
    const index = GraphIndex.fromEdges(ids, pairs, companies);
    expectSame(index, model, ids, random, companyIds);
    const hub = ids[0]!;
    const budgeted = index.suggest(hub, { limit: 10, budget: 50 });
    const exact = model.suggest(hub, new Set(), companyIds);
    const exactCount = new Map(exact.map((s) => [s.id, s.mutualConnections]));
    expect(budgeted.length).toBe(10);
    for (const suggestion of budgeted) expect(suggestion.mutualConnections).toBe(exactCount.get(suggestion.id));
    const counts = budgeted.map((s) => s.mutualConnections);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
  });

  it('builds the same index from rows streamed in primary-key order', () => {
    const { ids, pairs, model, random } = randomGraph(9, 200, 700, (i) => 5 + 2 * i);
    const rows: [number, number][] = [];
    for (const [a, set] of model.adjacency) for (const b of set) rows.push([a, b]);
    rows.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const builder = new GraphIndexBuilder(Float64Array.from(ids), undefined, rows.length);
    for (const [a, b] of rows) builder.add(a, b);
    builder.add(5, 999_999); // a member the build does not know: skipped
    const built = builder.finish();
    expect(builder.skipped).toBe(1);
    expectSame(built, model, ids, random);
    const direct = GraphIndex.fromEdges(ids, pairs);
    expect(built.stats().directedEdges).toBe(direct.stats().directedEdges);
  });

  it('builds from rows whose ids are too sparse for a direct table', () => {
    const { ids, model, random } = randomGraph(4, 150, 500, (i) => 2 ** 40 + 7919 * i);
    const rows: [number, number][] = [];
    for (const [a, set] of model.adjacency) for (const b of set) rows.push([a, b]);
    rows.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const builder = new GraphIndexBuilder(Float64Array.from(ids), undefined, rows.length);
    for (const [a, b] of rows) builder.add(a, b);
    expect(builder.skipped).toBe(0);
    expectSame(builder.finish(), model, ids, random);
  });

  it('reports its memory: 4 bytes per directed edge plus a few per member', () => {
    const { ids, pairs } = randomGraph(1, 1000, 20000, (i) => i + 1);
    const stats = GraphIndex.fromEdges(ids, pairs).stats();
    expect(stats.parts.neighbours).toBe(stats.directedEdges * 4);
    expect(stats.bytesPerDirectedEdge).toBeLessThan(12);
  });
});
