import { randomSource } from './generate.js';

export interface HeavyTailedOptions {
  members: number;
  /** Median connections per member (a log-normal degree distribution around it). */
  medianDegree?: number;
  /** Spread of the log-normal: larger means a heavier tail. */
  sigma?: number;
  /** How many hubs, each with exactly `hubDegree` connections. */
  hubs?: number;
  hubDegree?: number;
  /** Members are grouped in communities of this size; part of each member's connections stays inside. */
  communitySize?: number;
  /** Share of a member's connections made inside its community (clustering: friends of friends meet). */
  localShare?: number;
  seed?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface GeneratedGraph {
  members: number;
  /** Pairs [a0, b0, a1, b1, …] of member indexes 0…members-1; may hold a few self-loops and repeats. */
  edges: Int32Array;
  hubs: Int32Array;
}

/**
 * A large synthetic professional network, straight into typed arrays (a million members and tens of
 * millions of connections in seconds, where the object-based Holme–Kim generator would need
 * gigabytes): a configuration model with log-normal degrees (median `medianDegree`), a few hubs at
 * `hubDegree`, and community structure — a share of each member's connection "stubs" is paired
 * inside its community, the rest across the whole network — so that friends of friends overlap as
 * they do in real networks. Hubs connect to distinct members picked in proportion to degree.
 * Repeats and self-loops among the others (rare) are left for the index builder to drop, so their
 * final degrees land slightly under their targets.
 */
export function heavyTailedGraph(options: HeavyTailedOptions): GeneratedGraph {
  const n = options.members;
  const median = options.medianDegree ?? 100;
  const sigma = options.sigma ?? 0.9;
  const hubCount = Math.min(options.hubs ?? 20, n);
  const hubDegree = Math.min(options.hubDegree ?? 30_000, n - 1);
  const communitySize = options.communitySize ?? 1000;
  const localShare = options.localShare ?? 0.5;
  const random = randomSource(options.seed ?? 42);
  const progress = options.onProgress ?? (() => {});

  const local = new Int32Array(n);
  const global = new Int32Array(n);
  const hubs = new Int32Array(hubCount);
  const isHub = new Uint8Array(n);
  for (let k = 0; k < hubCount; k++) {
    const hub = Math.floor(((k + 0.5) * n) / hubCount);
    hubs[k] = hub;
    isHub[hub] = 1;
  }
  const mu = Math.log(median);
  const localCap = Math.max(1, Math.floor(communitySize / 8));
  let localTotal = 0;
  let globalTotal = 0;
  for (let i = 0; i < n; i++) {
    let degree: number;
    if (isHub[i]) {
      degree = hubDegree;
    } else {
      // Box–Muller: a standard normal from two uniforms.
      const u = 1 - random();
      const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      degree = Math.min(hubDegree - 1, Math.max(2, Math.round(Math.exp(mu + sigma * normal))));
    }
    if (isHub[i]) continue; // hubs pick their connections below
    const inside = Math.min(localCap, Math.round(degree * localShare));
    local[i] = inside;
    global[i] = degree - inside;
    localTotal += inside;
    globalTotal += degree - inside;
  }
  const edges = new Int32Array(localTotal + globalTotal + 2 * hubCount * hubDegree);
  let at = 0;
  const shuffle = (start: number, end: number) => {
    for (let k = end - 1; k > start; k--) {
      const j = start + Math.floor(random() * (k - start + 1));
      const swap = edges[k]!;
      edges[k] = edges[j]!;
      edges[j] = swap;
    }
  };
  for (let community = 0; community * communitySize < n; community++) {
    const start = at;
    const last = Math.min(n, (community + 1) * communitySize);
    for (let i = community * communitySize; i < last; i++) for (let k = 0; k < local[i]!; k++) edges[at++] = i;
    shuffle(start, at);
    if ((at - start) % 2 === 1) at--; // an odd stub out: dropped
    if ((community & 63) === 0) progress('community stubs', last, n);
  }
  const globalStart = at;
  for (let i = 0; i < n; i++) for (let k = 0; k < global[i]!; k++) edges[at++] = i;
  const chunk = 1 << 22;
  for (let end = at; end > globalStart; end -= chunk) {
    // Fisher–Yates from the top, in chunks only to report progress.
    const stop = Math.max(globalStart, end - chunk);
    for (let k = end - 1; k >= stop && k > globalStart; k--) {
      const j = globalStart + Math.floor(random() * (k - globalStart + 1));
      const swap = edges[k]!;
      edges[k] = edges[j]!;
      edges[j] = swap;
    }
    progress('global stubs', at - stop, at - globalStart);
  }
  if ((at - globalStart) % 2 === 1) at--;
  // Each hub connects to `hubDegree` distinct members, picked in proportion to their degree (a
  // random global stub): pairing hubs through stubs like everyone else would lose a third of their
  // connections to repeats in a network of 100,000.
  const globalEnd = at;
  const picked = new Uint8Array(n);
  for (let k = 0; k < hubCount; k++) {
    const hub = hubs[k]!;
    picked.fill(0);
    let count = 0;
    for (let attempt = 0; count < hubDegree && attempt < hubDegree * 50 && globalEnd > globalStart; attempt++) {
      const other = edges[globalStart + Math.floor(random() * (globalEnd - globalStart))]!;
      if (picked[other]) continue;
      picked[other] = 1;
      edges[at++] = hub;
      edges[at++] = other;
      count++;
    }
    progress('hubs', k + 1, hubCount);
  }
  return { members: n, edges: at === edges.length ? edges : edges.subarray(0, at), hubs };
}
