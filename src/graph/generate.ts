/** A deterministic pseudo-random generator (mulberry32), so that a seed reproduces a network. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A small-world graph with a heavy-tailed degree distribution (Holme–Kim: preferential attachment
 * plus triad formation, so friends of friends connect as they do in real networks).
 * Nodes are 0…n-1; each new node makes `m` connections. Edges come out as [a, b] with a > b.
 */
export function* smallWorldEdges(n: number, m: number, triadProbability: number, random: () => number): Generator<[number, number]> {
  const ends: number[] = []; // every edge end once: picking from it is picking by degree
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const seedSize = Math.min(n, m + 1);
  for (let a = 1; a < seedSize; a++) {
    for (let b = 0; b < a; b++) {
      neighbours[a]!.push(b);
      neighbours[b]!.push(a);
      ends.push(a, b);
      yield [a, b];
    }
  }
  for (let node = seedSize; node < n; node++) {
    const chosen = new Set<number>();
    let last = -1;
    for (let attempt = 0; chosen.size < m && attempt < m * 10; attempt++) {
      let target: number;
      if (last >= 0 && random() < triadProbability && neighbours[last]!.length > 0) {
        const around = neighbours[last]!;
        target = around[Math.floor(random() * around.length)]!;
      } else {
        target = ends[Math.floor(random() * ends.length)]!;
      }
      if (target === node || chosen.has(target)) continue;
      chosen.add(target);
      last = target;
    }
    for (const target of chosen) {
      neighbours[node]!.push(target);
      neighbours[target]!.push(node);
      ends.push(node, target);
      yield [node, target];
    }
  }
}
