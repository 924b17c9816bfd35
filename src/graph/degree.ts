import type { Adjacency } from './adjacency.js';
import { contains, intersects } from './intersect.js';
import type { LandmarkSketch } from './landmark-sketch.js';
import { NEAR_MARK_WORDS, type QueryScratch } from './query-scratch.js';

// Declared here, not imported: the walk's inner loops read it at every entry, and an imported
// binding is read through its module cell each time (about 8 % of a 3rd-degree walk on ego-Facebook).
const NEAR_MARK_MASK = NEAR_MARK_WORDS - 1;

export type Degree = 1 | 2 | 3 | null;

/**
 * 1st (connected), 2nd (share a connection), 3rd (a connection of a 2nd) or null. 1st: binary
 * search in the shorter list; 2nd: a sorted intersection stopping at the first match; 3rd: the
 * landmark sketch when it is sound and proves a path, else the exact walk.
 */
export function degreeOf(adjacency: Adjacency, scratch: QueryScratch, sketch: LandmarkSketch | null, aId: number, bId: number): Degree {
  if (aId === bId) return null;
  const a = adjacency.ids.get(aId);
  const b = adjacency.ids.get(bId);
  if (a < 0 || b < 0) return null;
  adjacency.load(a);
  const A = adjacency.la, as = adjacency.ls, ae = adjacency.le;
  adjacency.load(b);
  const B = adjacency.la, bs = adjacency.ls, be = adjacency.le;
  if (as === ae || bs === be) return null;
  if (ae - as <= be - bs ? contains(A, as, ae, b) : contains(B, bs, be, a)) return 1;
  if (intersects(A, as, ae, B, bs, be)) return 2;
  if (sketch !== null && sketch.linksInThree(a, b)) return 3;
  return withinThree(adjacency, scratch, A, as, ae, B, bs, be) ? 3 : null;
}

/**
 * Is some connection of a connected to some connection of b? Exact, and cheap in the usual case.
 *
 * The side with fewer connections (S) is walked; the other side's connections (M) are the
 * targets. For each connection x of S: a big list (≥ 16× as long as M) is searched for M's
 * connections by galloping (about |M|·log steps — and in a heavy-tailed network the likeliest
 * place for a hit); a small one is read against a bitset of M's connections (n/8 bytes, stays in
 * cache). Nothing is computed up front, so the first hit — usually within a few lists — ends it:
 * each list visited costs a cache miss or two to reach, which is what a 3rd-degree answer costs.
 */
function withinThree(adjacency: Adjacency, scratch: QueryScratch, A: Int32Array, as: number, ae: number, B: Int32Array, bs: number, be: number): boolean {
  let S = A, ss = as, se = ae, M = B, ms = bs, me = be;
  if (be - bs < ae - as) {
    S = B; ss = bs; se = be;
    M = A; ms = as; me = ae;
  }
  const big = 16 * (me - ms);
  const marks = scratch.marks;
  const near = scratch.nearMarks;
  for (let k = ms; k < me; k++) {
    const y = M[k]!;
    marks[y >>> 5] = marks[y >>> 5]! | (1 << (y & 31));
    near[(y >>> 5) & NEAR_MARK_MASK] = near[(y >>> 5) & NEAR_MARK_MASK]! | (1 << (y & 31));
  }
  let found = false;
  if (adjacency.overlayEmpty() && scratch.touched.length >= 16) {
    found = walkWithinThree(adjacency, scratch, S, ss, se, M, ms, me, big);
    clearMarks(scratch, M, ms, me);
    return found;
  }
  outer: for (let k = ss; k < se; k++) {
    adjacency.load(S[k]!);
    const L = adjacency.la;
    const ls = adjacency.ls;
    const le = adjacency.le;
    if (le - ls >= big) {
      if (intersects(L, ls, le, M, ms, me)) {
        found = true;
        break;
      }
      continue;
    }
    for (let j = ls; j < le; j++) {
      const y = L[j]!;
      const bit = 1 << (y & 31);
      if ((near[(y >>> 5) & NEAR_MARK_MASK]! & bit) !== 0 && (marks[y >>> 5]! & bit) !== 0) {
        found = true;
        break outer;
      }
    }
  }
  clearMarks(scratch, M, ms, me);
  return found;
}

/**
 * Whether an entry of `[ls, le)` is marked. Four entries a step, their filter tests OR-ed into one
 * branch: the filter almost always says no, and one rarely taken branch per four entries keeps the
 * loop at a few cycles an entry.
 */
function listTouchesMarks(scratch: QueryScratch, L: Int32Array, ls: number, le: number): boolean {
  const near = scratch.nearMarks;
  const marks = scratch.marks;
  let j = ls;
  for (; j + 4 <= le; j += 4) {
    const y0 = L[j]!, y1 = L[j + 1]!, y2 = L[j + 2]!, y3 = L[j + 3]!;
    const hit =
      (near[(y0 >>> 5) & NEAR_MARK_MASK]! & (1 << (y0 & 31))) |
      (near[(y1 >>> 5) & NEAR_MARK_MASK]! & (1 << (y1 & 31))) |
      (near[(y2 >>> 5) & NEAR_MARK_MASK]! & (1 << (y2 & 31))) |
      (near[(y3 >>> 5) & NEAR_MARK_MASK]! & (1 << (y3 & 31)));
    if (hit !== 0) {
      for (let k = j; k < j + 4; k++) if ((marks[L[k]! >>> 5]! & (1 << (L[k]! & 31))) !== 0) return true;
    }
  }
  for (; j < le; j++) {
    const y = L[j]!;
    if ((near[(y >>> 5) & NEAR_MARK_MASK]! & (1 << (y & 31))) !== 0 && (marks[y >>> 5]! & (1 << (y & 31))) !== 0) return true;
  }
  return false;
}

function clearMarks(scratch: QueryScratch, M: Int32Array, ms: number, me: number): void {
  const marks = scratch.marks;
  const near = scratch.nearMarks;
  for (let k = ms; k < me; k++) {
    const y = M[k]!;
    marks[y >>> 5] = 0;
    near[(y >>> 5) & NEAR_MARK_MASK] = 0;
  }
}

/**
 * The walk of `withinThree` over the CSR alone (no overlay), a few lists at a time with their
 * memory reached in rounds: the lists' bounds, then every cache line of the lists, each round a
 * tight loop of independent loads the processor overlaps — instead of dependent cache misses one
 * list after another. Small rounds, so that an early hit costs little. On the 1,000,000-member
 * graph, touching every line (not only each list's first) took the cold-cache p99 from 50 to 43 µs.
 */
function walkWithinThree(adjacency: Adjacency, scratch: QueryScratch, S: Int32Array, ss: number, se: number, M: Int32Array, ms: number, me: number, big: number): boolean {
  const offsets = adjacency.offsets;
  const neighbours = adjacency.neighbours;
  const bounds = scratch.touched;
  const chunk = 8;
  let touch = 0;
  for (let from = ss; from < se; from += chunk) {
    const to = Math.min(se, from + chunk);
    for (let k = from; k < to; k++) {
      const x = S[k]!;
      bounds[2 * (k - from)] = offsets[x]!;
      bounds[2 * (k - from) + 1] = offsets[x + 1]!;
    }
    // Every cache line of the round's lists (16 entries to a 64-byte line), in one loop of
    // independent loads: the memory system fetches them side by side instead of one list at a time.
    for (let k = 0; k < to - from; k++) {
      const le = bounds[2 * k + 1]!;
      if (le - bounds[2 * k]! >= big) continue;
      for (let j = bounds[2 * k]!; j < le; j += 16) touch |= neighbours[j]!;
    }
    for (let k = 0; k < to - from; k++) {
      const ls = bounds[2 * k]!;
      const le = bounds[2 * k + 1]!;
      if (le - ls >= big) {
        if (intersects(neighbours, ls, le, M, ms, me)) return true;
        continue;
      }
      if (listTouchesMarks(scratch, neighbours, ls, le)) return true;
    }
  }
  scratch.sink = touch;
  return false;
}
