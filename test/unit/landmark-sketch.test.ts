import { describe, expect, it } from 'vitest';
import { heavyTailedGraph } from '../../src/graph/generate-large.js';
import { GraphIndex } from '../../src/graph/graph-index.js';
import { LandmarkSketch, type AdjacencySource } from '../../src/graph/landmark-sketch.js';
import { Model, randomGraph, seededRandom } from '../helpers/graph-model.js';

/** A sketch source over the model, members 1…n at dense indexes 0…n-1. */
function sourceOf(model: Model, n: number): AdjacencySource {
  return {
    memberCount: n,
    mostConnectedIndexes: (count) =>
      Array.from({ length: n }, (_, i) => i)
        .sort((x, y) => model.of(y + 1).size - model.of(x + 1).size || x - y)
        .slice(0, count),
    listAt: (i) => Int32Array.from([...model.of(i + 1)].map((id) => id - 1).sort((x, y) => x - y)),
  };
}

function heavyTailedModel(members: number) {
  const graph = heavyTailedGraph({ members, medianDegree: 6, hubs: 8, hubDegree: 600, communitySize: 200, seed: 9 });
  const ids = Array.from({ length: members }, (_, i) => i + 1);
  const model = new Model(ids);
  for (let k = 0; k < graph.edges.length; k += 2) model.set(graph.edges[k]! + 1, graph.edges[k + 1]! + 1, true);
  return { ids, edges: graph.edges, model };
}

describe('landmark sketch', () => {
  it('only ever vouches for pairs at most three apart, and vouches for most 3rd-degree pairs of a heavy-tailed network', () => {
    const members = 6000;
    const { model } = heavyTailedModel(members);
    const sketch = LandmarkSketch.build(sourceOf(model, members), 0);
    let third = 0;
    let vouched = 0;
    for (let k = 0; k < 3000; k++) {
      const a = 1 + ((k * 7919) % members);
      const b = 1 + ((k * 104_729 + 17) % members);
      const degree = model.degree(a, b);
      const links = sketch.linksInThree(a - 1, b - 1);
      if (links) expect(degree, `vouched for ${a} ${b}`).not.toBeNull();
      if (degree === 3) {
        third++;
        if (links) vouched++;
      }
    }
    expect(third).toBeGreaterThan(500);
    expect(vouched / third).toBeGreaterThan(0.5);
  });

  it('knows nothing of members who joined after its build', () => {
    const { model } = randomGraph(3, 50, 120, (i) => i + 1);
    const sketch = LandmarkSketch.build(sourceOf(model, 50), 0);
    expect(sketch.linksInThree(0, 50)).toBe(false);
    expect(sketch.linksInThree(50, 0)).toBe(false);
  });
});

describe('graph index with its landmark sketch', () => {
  it('stops trusting the sketch once a connection it relied on is removed, until it is rebuilt', () => {
    // 1 – 2 – 3 – 4: a path of three, which the sketch (every member is a landmark here) knows.
    const index = GraphIndex.fromEdges([1, 2, 3, 4], Int32Array.from([0, 1, 1, 2, 2, 3]));
    expect(index.wantsSketch).toBe(false);
    expect(index.degree(1, 4)).toBe(3);
    index.setConnected(2, 3, false);
    expect(index.wantsSketch).toBe(true);
    expect(index.degree(1, 4)).toBeNull();
    index.refreshSketchNow();
    expect(index.wantsSketch).toBe(false);
    expect(index.degree(1, 4)).toBeNull();
    index.setConnected(2, 3, true); // an addition keeps the sketch sound: the walk finds the new path
    expect(index.wantsSketch).toBe(false);
    expect(index.degree(1, 4)).toBe(3);
  });

  it('answers every degree like the model through removals, and drops a rebuild a removal overtook', async () => {
    const members = 4000;
    const { ids, edges, model } = heavyTailedModel(members);
    const index = GraphIndex.fromEdges(ids, edges);
    const random = seededRandom(1);
    const removeOne = () => {
      const a = ids[Math.floor(members * random())]!;
      const others = [...model.of(a)];
      if (others.length === 0) return;
      const b = others[Math.floor(others.length * random())]!;
      index.setConnected(a, b, false);
      model.set(a, b, false);
    };
    const expectDegrees = () => {
      for (let k = 0; k < 300; k++) {
        const a = ids[Math.floor(members * random())]!;
        const b = ids[Math.floor(members * random())]!;
        expect(index.degree(a, b), `degree ${a} ${b}`).toBe(model.degree(a, b));
      }
    };
    expectDegrees();
    for (let k = 0; k < 200; k++) removeOne();
    expectDegrees();

    let yields = 0;
    await index.refreshSketch({
      sliceMs: 0,
      yieldTo: async () => {
        if (yields++ === 0) removeOne();
      },
    });
    expect(yields).toBeGreaterThan(0);
    expect(index.wantsSketch).toBe(true); // the rebuild began before the removal: dropped
    expectDegrees();

    await index.refreshSketch({ sliceMs: 0, yieldTo: () => Promise.resolve() });
    expect(index.wantsSketch).toBe(false);
    expect(index.stats().parts.sketch).toBe(16 * members);
    expectDegrees();
  });
});
