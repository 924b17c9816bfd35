import type { Degree } from '../../src/graph/graph-index.js';

/** The obvious model: adjacency sets keyed by member id. */
export class Model {
  readonly adjacency = new Map<number, Set<number>>();
  constructor(ids: readonly number[]) {
    for (const id of ids) this.adjacency.set(id, new Set());
  }
  set(a: number, b: number, connected: boolean): void {
    if (a === b) return;
    if (!this.adjacency.has(a)) this.adjacency.set(a, new Set());
    if (!this.adjacency.has(b)) this.adjacency.set(b, new Set());
    if (connected) {
      this.adjacency.get(a)!.add(b);
      this.adjacency.get(b)!.add(a);
    } else {
      this.adjacency.get(a)!.delete(b);
      this.adjacency.get(b)!.delete(a);
    }
  }
  of(a: number): Set<number> {
    return this.adjacency.get(a) ?? new Set();
  }
  mutual(a: number, b: number): number[] {
    if (a === b) return [];
    return [...this.of(a)].filter((x) => this.of(b).has(x));
  }
  degree(a: number, b: number): Degree {
    if (a === b) return null;
    let frontier = new Set([a]);
    const seen = new Set([a]);
    for (let depth = 1; depth <= 3; depth++) {
      const next = new Set<number>();
      for (const x of frontier) for (const y of this.of(x)) if (!seen.has(y)) next.add(y);
      if (next.has(b)) return depth as 1 | 2 | 3;
      for (const y of next) seen.add(y);
      frontier = next;
    }
    return null;
  }
  mutualList(a: number, b: number): number[] {
    return this.mutual(a, b).sort((x, y) => this.of(y).size - this.of(x).size || x - y);
  }
  suggest(v: number, exclude: Set<number>, companies: Set<number>): { id: number; mutualConnections: number }[] {
    const counts = new Map<number, number>();
    for (const x of this.of(v)) for (const y of this.of(x)) counts.set(y, (counts.get(y) ?? 0) + 1);
    return [...counts]
      .filter(([y]) => y !== v && !this.of(v).has(y) && !exclude.has(y) && !companies.has(y))
      .map(([id, mutualConnections]) => ({ id, mutualConnections }))
      .sort((x, y) => y.mutualConnections - x.mutualConnections || this.of(y.id).size - this.of(x.id).size || x.id - y.id);
  }
}

export const sortedUnique = (values: number[]) => Int32Array.from([...new Set(values)].sort((a, b) => a - b));

/** A repeatable random source in [0, 1): a linear congruential generator. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export function randomGraph(seed: number, n: number, edges: number, idOf: (i: number) => number) {
  const random = seededRandom(seed);
  const ids = Array.from({ length: n }, (_, i) => idOf(i));
  const pairs = new Int32Array(edges * 2);
  for (let k = 0; k < edges; k++) {
    // A skewed pick makes hubs: low indexes are chosen far more often.
    pairs[2 * k] = Math.floor(n * random() ** 2.5);
    pairs[2 * k + 1] = Math.floor(n * random());
  }
  const model = new Model(ids);
  for (let k = 0; k < edges; k++) model.set(ids[pairs[2 * k]!]!, ids[pairs[2 * k + 1]!]!, true);
  return { ids, pairs, model, random };
}
