import { contains, gallop, intersectCount, intersectInto, intersects } from './intersect.js';
import { TopK } from './top-k.js';
import { LandmarkSketch, type AdjacencySource } from './landmark-sketch.js';

export type Degree = 1 | 2 | 3 | null;

/** A friend of a friend worth suggesting, and how many connections the viewer shares with them. */
export interface SuggestedMember {
  id: number;
  mutualConnections: number;
}

export interface SuggestOptions {
  limit: number;
  offset?: number;
  /** Member ids never to suggest (blocked either way, pending or refused invitations, dismissed…). */
  exclude?: Iterable<number>;
  /**
   * Most adjacency entries to walk when collecting friends of friends. A viewer whose connections'
   * connections add up to more (a hub) walks their least connected connections first up to the
   * budget, then the best candidates are re-counted exactly.
   */
  budget?: number;
}

export interface GraphIndexStats {
  members: number;
  directedEdges: number;
  baseEdges: number;
  overlayMembers: number;
  overlayEntries: number;
  bytes: number;
  bytesPerDirectedEdge: number;
  parts: Record<string, number>;
}

const OVERLAY = 1;
const COMPANY = 2;
const EMPTY = new Int32Array(0);
/** Lets waiting requests and timers run between the slices of background work. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * Scratch counter values above any count kept: the viewer's connections, and members never suggested.
 * Counters are 16-bit (half the cache footprint of 32-bit ones on the hot walk); a count that would
 * reach SATURATED stops there and the list is then re-counted exactly.
 */
const CONNECTION = 0xffff;
const EXCLUDED = 0xfffe;
const SATURATED = 0xfffd;
/** Words of the folded mark filter (`nearMarks`): 1,024 × 32 bits, 4 KiB. */
const NEAR_MARK_WORDS = 1024;
const NEAR_MARK_MASK = NEAR_MARK_WORDS - 1;
/** Both lists at least this long: a mutual count marks one in a bitset instead of merging them. */
const BITSET_COUNT_MIN = 4096;

/** Adjacency entries walked at most for one suggestion list (about 10–15 ms on one core at a million members). */
export const DEFAULT_SUGGESTION_BUDGET = 500_000;

/**
 * Member id → dense index: a direct table while ids are reasonably dense (identity columns are),
 * a Map when they are not.
 */
class IdTable {
  private table = new Int32Array(0);
  private map: Map<number, number> | null = null;

  get(id: number): number {
    if (this.map) return this.map.get(id) ?? -1;
    return id >= 0 && id < this.table.length ? this.table[id]! : -1;
  }

  set(id: number, index: number, count: number): void {
    if (!this.map && (!Number.isInteger(id) || id < 0 || id > 0x7fffffff || id > 8 * count + (1 << 20))) {
      this.map = new Map();
      for (let i = 0; i < this.table.length; i++) if (this.table[i]! >= 0) this.map.set(i, this.table[i]!);
      this.table = new Int32Array(0);
    }
    if (this.map) {
      this.map.set(id, index);
      return;
    }
    if (id >= this.table.length) {
      const grown = new Int32Array(Math.max(id + 1, Math.ceil(this.table.length * 1.5), 1024)).fill(-1);
      grown.set(this.table);
      this.table = grown;
    }
    this.table[id] = index;
  }

  bytes(): number {
    return this.map ? this.map.size * 40 : this.table.byteLength;
  }
}

/**
 * The connection graph in memory, for the reads that run on every screen: degree, mutual
 * connections and people you may know.
 *
 * Members are mapped to dense indexes (in member id order at build time). The adjacency is CSR:
 * `neighbours[offsets[i] … offsets[i+1])` holds member i's connections, sorted — 4 bytes per
 * directed edge. Changes since the build live in a small copy-on-write overlay (a member's whole new
 * list), merged into a fresh CSR in the background when it grows. Every method is synchronous, so
 * the shared scratch arrays are never used by two queries at once.
 */
export class GraphIndex {
  private size = 0;
  private capacity = 0;
  private idOf = new Float64Array(0);
  private flags = new Uint8Array(0);
  private readonly ids = new IdTable();
  private offsets: Int32Array = new Int32Array(1);
  private neighbours: Int32Array = EMPTY;
  private baseSize = 0;
  private readonly overlay = new Map<number, Int32Array>();
  private overlayLength = 0;
  private edges = 0;
  /** Scratch, all zero between calls: friend-of-friend counters for suggestions. */
  private counts = new Uint16Array(0);
  /** Scratch, all zero between calls: one bit per member, for the 3rd-degree check. */
  private marks = new Uint32Array(0);
  /**
   * The same marks folded into 32,768 bits (4 KiB, stays in the L1 cache): the walk of
   * `withinThree` tests each entry here first and reaches the full bitset only on a hit, which the
   * ~100 marked members make rare (about 0.3 %).
   */
  private readonly nearMarks = new Uint32Array(NEAR_MARK_WORDS);
  /** Scratch: the members a query touched, to reset `counts`, or an intersection's output. */
  private touched = new Int32Array(0);
  private compacting: Promise<void> | null = null;
  /** Proves most 3rd-degree answers in two reads; sound while no connection was removed since its build. */
  private sketch: LandmarkSketch | null = null;
  private sketching: Promise<void> | null = null;
  /** Connections removed so far (a sketch built before the last one may vouch for a broken path). */
  private removals = 0;
  private touchedValue = 0;
  /** Counts changes applied; lets callers tell whether anything moved. */
  version = 0;

  // The list `load()` found last: avoids allocating a subarray per neighbour on hot paths.
  private la: Int32Array = EMPTY;
  private ls = 0;
  private le = 0;

  private constructor() {}

  /** An empty index (members and connections are added through `addMember`/`setConnected`). */
  static empty(): GraphIndex {
    return new GraphIndex();
  }

  /**
   * An index from dense-index edges: `edges` holds pairs [a0, b0, a1, b1, …] of indexes into
   * `memberIds`, each connection once or twice, in any order. Self-loops and repeats are dropped.
   */
  static fromEdges(memberIds: ArrayLike<number>, edges: Int32Array, companies?: Uint8Array): GraphIndex {
    const n = memberIds.length;
    const offsets = new Int32Array(n + 1);
    for (let k = 0; k + 1 < edges.length; k += 2) {
      const a = edges[k]!;
      const b = edges[k + 1]!;
      if (a === b) continue;
      offsets[a + 1]!++;
      offsets[b + 1]!++;
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += offsets[i + 1]!;
      if (total > 0x7fffffff) throw new Error('more than 2^31 directed edges: offsets would overflow Int32');
      offsets[i + 1] = total;
    }
    const neighbours = new Int32Array(total);
    const next = offsets.slice(0, n);
    for (let k = 0; k + 1 < edges.length; k += 2) {
      const a = edges[k]!;
      const b = edges[k + 1]!;
      if (a === b) continue;
      neighbours[next[a]!++] = b;
      neighbours[next[b]!++] = a;
    }
    // Sort each list and squeeze out repeats in place (the write position never passes the read one).
    let write = 0;
    for (let i = 0; i < n; i++) {
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      offsets[i] = write;
      if (end - start > 1) neighbours.subarray(start, end).sort();
      let last = -1;
      for (let k = start; k < end; k++) {
        const value = neighbours[k]!;
        if (value !== last) neighbours[write++] = value;
        last = value;
      }
    }
    offsets[n] = write;
    return GraphIndex.fromCsr(memberIds, offsets, write === neighbours.length ? neighbours : neighbours.slice(0, write), companies);
  }

  /** An index over a ready CSR: sorted, duplicate-free and symmetric lists of dense indexes. */
  static fromCsr(memberIds: ArrayLike<number>, offsets: Int32Array, neighbours: Int32Array, companies?: Uint8Array): GraphIndex {
    const index = new GraphIndex();
    const n = memberIds.length;
    if (offsets.length !== n + 1) throw new Error(`offsets must have ${n + 1} entries, not ${offsets.length}`);
    index.grow(n);
    for (let i = 0; i < n; i++) {
      const id = memberIds[i]!;
      if (index.ids.get(id) >= 0) throw new Error(`member ${id} appears twice`);
      index.idOf[i] = id;
      index.ids.set(id, i, n);
      if (companies?.[i]) index.flags[i] = COMPANY;
    }
    index.size = n;
    index.offsets = offsets;
    index.neighbours = neighbours;
    index.baseSize = n;
    index.edges = offsets[n]!;
    index.refreshSketchNow();
    return index;
  }

  // ---- members -------------------------------------------------------------------------------

  get memberCount(): number {
    return this.size;
  }

  /** Directed edges: twice the number of connections. */
  get directedEdgeCount(): number {
    return this.edges;
  }

  has(id: number): boolean {
    return this.ids.get(id) >= 0;
  }

  /** Adds a member (no-op when known) and answers its dense index. */
  addMember(id: number, company = false): number {
    const known = this.ids.get(id);
    if (known >= 0) return known;
    const index = this.size;
    this.grow(index + 1);
    this.idOf[index] = id;
    this.flags[index] = company ? COMPANY : 0;
    this.ids.set(id, index, index + 1);
    this.size = index + 1;
    return index;
  }

  /** How many connections a member has (0 when unknown). */
  connectionCount(id: number): number {
    const i = this.ids.get(id);
    return i < 0 ? 0 : this.degreeAt(i);
  }

  /** A member's connections, as member ids in dense (≈ id) order. */
  connectionsOf(id: number): number[] {
    const i = this.ids.get(id);
    if (i < 0) return [];
    this.load(i);
    const out = new Array<number>(this.le - this.ls);
    for (let k = this.ls; k < this.le; k++) out[k - this.ls] = this.idOf[this.la[k]!]!;
    return out;
  }

  /** A member's connections as dense indexes, sorted (a copy): for benchmarks and tools. */
  denseNeighbours(id: number): Int32Array {
    const i = this.ids.get(id);
    if (i < 0) return new Int32Array(0);
    this.load(i);
    return this.la.slice(this.ls, this.le);
  }

  /** A member's connections as dense indexes: a view of the index's own memory (read-only use). */
  neighbourView(id: number): Int32Array {
    const i = this.ids.get(id);
    if (i < 0) return EMPTY;
    this.load(i);
    return this.la.subarray(this.ls, this.le);
  }

  /** Member ids, most connected first (ties by id): the hubs. */
  mostConnected(count: number): number[] {
    return this.mostConnectedIndexes(count).map((i) => this.idOf[i]!);
  }

  private mostConnectedIndexes(count: number): number[] {
    const top = new TopK(Math.min(count, this.size));
    for (let i = 0; i < this.size; i++) {
      const key = this.degreeAt(i);
      const id = this.idOf[i]!;
      if (top.wouldKeep(key, id)) top.offer(i, key, id);
    }
    return top.drain().map(({ node }) => node);
  }

  /** The member id at a dense index (0 … memberCount-1). */
  memberIdAt(index: number): number {
    return this.idOf[index]!;
  }

  // ---- queries -------------------------------------------------------------------------------

  areConnected(aId: number, bId: number): boolean {
    const a = this.ids.get(aId);
    const b = this.ids.get(bId);
    if (a < 0 || b < 0 || a === b) return false;
    return this.connectedAt(a, b);
  }

  /** 1st (connected), 2nd (share a connection), 3rd (a connection of a 2nd) or null. */
  degree(aId: number, bId: number): Degree {
    if (aId === bId) return null;
    const a = this.ids.get(aId);
    const b = this.ids.get(bId);
    if (a < 0 || b < 0) return null;
    this.load(a);
    const A = this.la, as = this.ls, ae = this.le;
    this.load(b);
    const B = this.la, bs = this.ls, be = this.le;
    if (as === ae || bs === be) return null;
    if (ae - as <= be - bs ? contains(A, as, ae, b) : contains(B, bs, be, a)) return 1;
    if (intersects(A, as, ae, B, bs, be)) return 2;
    if (this.sketch !== null && this.sketch.removals === this.removals && this.sketch.linksInThree(a, b)) return 3;
    return this.withinThree(A, as, ae, B, bs, be) ? 3 : null;
  }

  mutualCount(aId: number, bId: number): number {
    const a = this.ids.get(aId);
    const b = this.ids.get(bId);
    if (a < 0 || b < 0 || a === b) return 0;
    this.load(a);
    const A = this.la, as = this.ls, ae = this.le;
    this.load(b);
    const B = this.la, bs = this.ls, be = this.le;
    if (ae - as >= BITSET_COUNT_MIN && be - bs >= BITSET_COUNT_MIN) return this.countShared(A, as, ae, B, bs, be);
    return intersectCount(A, as, ae, B, bs, be);
  }

  /**
   * How many values two long lists share, through the `marks` bitset: one list marked, the other
   * tested, both read in order. A merge of two long lists mispredicts its branch at almost every
   * step (about 6–10 ns an entry here); this costs 2–4 ns.
   */
  private countShared(A: Int32Array, as: number, ae: number, B: Int32Array, bs: number, be: number): number {
    const marks = this.marks;
    for (let k = as; k < ae; k++) marks[A[k]! >>> 5] = marks[A[k]! >>> 5]! | (1 << (A[k]! & 31));
    let count = 0;
    for (let k = bs; k < be; k++) count += (marks[B[k]! >>> 5]! >>> (B[k]! & 31)) & 1;
    for (let k = as; k < ae; k++) marks[A[k]! >>> 5] = 0;
    return count;
  }

  /** Mutual connection counts between a viewer and each of `others`. */
  mutualCounts(viewerId: number, others: readonly number[]): Map<number, number> {
    const counts = new Map<number, number>();
    for (const other of others) counts.set(other, this.mutualCount(viewerId, other));
    return counts;
  }

  /**
   * Connections a and b share, most connected first (the likelier introducer), then by member id:
   * the page `[offset, offset + limit)`.
   */
  mutualList(aId: number, bId: number, limit: number, offset = 0): number[] {
    const a = this.ids.get(aId);
    const b = this.ids.get(bId);
    if (a < 0 || b < 0 || a === b || limit <= 0) return [];
    this.load(a);
    const A = this.la, as = this.ls, ae = this.le;
    this.load(b);
    const found = intersectInto(A, as, ae, this.la, this.ls, this.le, this.touched);
    const wanted = Math.min(found, offset + limit);
    const top = new TopK(wanted);
    for (let k = 0; k < found; k++) {
      const x = this.touched[k]!;
      const id = this.idOf[x]!;
      const key = this.degreeAt(x);
      if (top.wouldKeep(key, id)) top.offer(x, key, id);
    }
    return top.drain().slice(offset).map((entry) => this.idOf[entry.node]!);
  }

  /**
   * People you may know: friends of friends ranked by mutual connections (then by how connected
   * they are, then by id), never the viewer, their connections, companies or `exclude`.
   */
  suggest(viewerId: number, options: SuggestOptions): SuggestedMember[] {
    const v = this.ids.get(viewerId);
    const offset = options.offset ?? 0;
    const wanted = offset + options.limit;
    if (v < 0 || options.limit <= 0) return [];
    const budget = options.budget ?? DEFAULT_SUGGESTION_BUDGET;
    const counts = this.counts;
    const touched = this.touched;
    let touchedCount = 0;

    // The viewer's connections are marked CONNECTION; the viewer and excluded members EXCLUDED.
    this.load(v);
    const V = this.la, vs = this.ls, ve = this.le;
    for (let k = vs; k < ve; k++) counts[V[k]!] = CONNECTION;
    counts[v] = EXCLUDED;
    const excluded: number[] = [v];
    for (const id of options.exclude ?? []) {
      const x = this.ids.get(id);
      if (x >= 0 && counts[x] === 0) {
        counts[x] = EXCLUDED;
        excluded.push(x);
      }
    }

    // Which connections to walk: all of them when their lists add up to the budget; else the least
    // connected first (cheapest, and the strongest signal per entry), chosen by degree bands of
    // powers of two — no sort.
    let volume = 0;
    for (let k = vs; k < ve; k++) volume += this.degreeAt(V[k]!);
    const exact = volume <= budget;
    let bandLimit = 31; // walk connections whose degree band is below this…
    let boundaryRoom = 0; // …and from the band at the limit, this many entries' worth
    if (!exact) {
      const bands = new Float64Array(32);
      for (let k = vs; k < ve; k++) bands[31 - Math.clz32(this.degreeAt(V[k]!))]! += this.degreeAt(V[k]!);
      let room = budget;
      bandLimit = 0;
      while (bandLimit < 32 && bands[bandLimit]! <= room) room -= bands[bandLimit++]!;
      boundaryRoom = room;
    }

    if (this.overlay.size === 0) {
      // The CSR alone: lists reached 16 at a time, bounds then first entries in rounds of independent
      // loads (see walkWithinThree), instead of two dependent cache misses per list.
      const offsets = this.offsets;
      const neighbours = this.neighbours;
      const bounds = new Int32Array(32);
      let touch = 0;
      for (let from = vs; from < ve; from += 16) {
        const to = Math.min(ve, from + 16);
        let n = 0;
        for (let k = from; k < to; k++) {
          const x = V[k]!;
          const ls = offsets[x]!;
          const le = offsets[x + 1]!;
          if (!exact) {
            const band = 31 - Math.clz32(le - ls);
            if (band > bandLimit) continue;
            if (band === bandLimit) {
              if (le - ls > boundaryRoom) continue;
              boundaryRoom -= le - ls;
            }
          }
          bounds[n++] = ls;
          bounds[n++] = le;
        }
        for (let q = 0; q < n; q += 2) if (bounds[q]! < bounds[q + 1]!) touch |= neighbours[bounds[q]!]!;
        for (let q = 0; q < n; q += 2) {
          for (let j = bounds[q]!, le = bounds[q + 1]!; j < le; j++) {
            const y = neighbours[j]!;
            const c = counts[y]!;
            if (c >= SATURATED) continue;
            if (c === 0) touched[touchedCount++] = y;
            counts[y] = c + 1;
          }
        }
      }
      this.touchedValue = touch;
    } else {
      for (let k = vs; k < ve; k++) {
        const x = V[k]!;
        this.load(x);
        const L = this.la, ls = this.ls, le = this.le;
        if (!exact) {
          const band = 31 - Math.clz32(le - ls);
          if (band > bandLimit) continue;
          if (band === bandLimit) {
            if (le - ls > boundaryRoom) continue;
            boundaryRoom -= le - ls;
          }
        }
        for (let j = ls; j < le; j++) {
          const y = L[j]!;
          const c = counts[y]!;
          if (c >= SATURATED) continue;
          if (c === 0) touched[touchedCount++] = y;
          counts[y] = c + 1;
        }
      }
    }
    let recount = !exact;
    if (exact && ve - vs >= SATURATED) {
      for (let k = 0; k < touchedCount && !recount; k++) if (counts[touched[k]!] === SATURATED) recount = true;
    }

    // With the full walk the counts are exact; after a budgeted one, re-count the best candidates.
    const pool = recount ? wanted + Math.max(20, wanted >> 1) : wanted;
    const top = new TopK(pool);
    let floor = 0; // counts below this cannot make the list any more: skip them before any lookup
    for (let k = 0; k < touchedCount; k++) {
      const y = touched[k]!;
      const c = counts[y]!;
      if (c < floor || (this.flags[y]! & COMPANY) !== 0) continue;
      const key = c * 1048576 + Math.min(this.degreeAt(y), 1048575);
      const id = this.idOf[y]!;
      if (top.wouldKeep(key, id)) {
        top.offer(y, key, id);
        floor = Math.max(0, Math.floor(top.threshold / 1048576));
      }
    }
    for (let k = 0; k < touchedCount; k++) counts[touched[k]!] = 0;

    let ranked = top.drain();
    if (recount) {
      // Exact mutual count of a candidate: its connections still marked CONNECTION.
      const rescored = new TopK(wanted);
      for (const { node } of ranked) {
        this.load(node);
        const L = this.la, le = this.le;
        let mutual = 0;
        for (let j = this.ls; j < le; j++) if (counts[L[j]!] === CONNECTION) mutual++;
        rescored.offer(node, mutual * 1048576 + Math.min(le - this.ls, 1048575), this.idOf[node]!);
      }
      ranked = rescored.drain();
    }
    for (let k = vs; k < ve; k++) counts[V[k]!] = 0;
    for (const x of excluded) counts[x] = 0;
    return ranked.slice(offset, wanted).map(({ node, key }) => ({ id: this.idOf[node]!, mutualConnections: Math.floor(key / 1048576) }));
  }

  // ---- changes -------------------------------------------------------------------------------

  /**
   * Makes the connection between two members present or absent (both directions). Idempotent:
   * answers whether anything changed. Unknown members are added.
   */
  setConnected(aId: number, bId: number, connected: boolean): boolean {
    if (aId === bId) return false;
    if (!connected && (!this.has(aId) || !this.has(bId))) return false;
    const a = this.addMember(aId);
    const b = this.addMember(bId);
    const changedA = this.setDirected(a, b, connected);
    const changedB = this.setDirected(b, a, connected);
    if (changedA || changedB) this.version++;
    return changedA || changedB;
  }

  /** Whether the overlay has grown enough to be worth merging into the CSR. */
  get wantsCompaction(): boolean {
    return this.overlayLength > Math.max(1 << 16, this.neighbours.length >>> 5);
  }

  /**
   * Whether the landmark sketch should be rebuilt: a connection was removed since its build, or a
   * quarter more members have joined than it covers.
   */
  get wantsSketch(): boolean {
    if (this.sketching) return false;
    const sketch = this.sketch;
    return sketch === null || sketch.removals !== this.removals || this.size > sketch.size + (sketch.size >>> 2) + 1024;
  }

  /**
   * Rebuilds the landmark sketch from the current lists in slices of about `sliceMs`, yielding
   * between them. A connection removed meanwhile makes the result unsound: it is dropped, and
   * `wantsSketch` still says so.
   */
  refreshSketch(options: { sliceMs?: number; yieldTo?: () => Promise<void> } = {}): Promise<void> {
    if (this.sketching) return this.sketching;
    const removals = this.removals;
    const run = async () => {
      const sketch = await LandmarkSketch.buildInSlices(this.adjacency(), removals, {
        sliceMs: options.sliceMs ?? 4,
        yieldTo: options.yieldTo ?? yieldToEventLoop,
        stale: () => this.removals !== removals,
      });
      if (sketch) this.sketch = sketch;
    };
    this.sketching = run().finally(() => {
      this.sketching = null;
    });
    return this.sketching;
  }

  /** Rebuilds the landmark sketch now, in one go (tests, tools). */
  refreshSketchNow(): void {
    this.sketch = LandmarkSketch.build(this.adjacency(), this.removals);
  }

  get overlayMembers(): number {
    return this.overlay.size;
  }

  /**
   * Merges the overlay into a new CSR without holding the thread for long: the copy runs in slices
   * of about `sliceMs`, yielding between them; queries and changes go on meanwhile and the new
   * arrays are swapped in at the end. Changes made during the merge stay in the overlay.
   */
  compact(options: { sliceMs?: number; yieldTo?: () => Promise<void> } = {}): Promise<void> {
    if (this.compacting) return this.compacting;
    const sliceMs = options.sliceMs ?? 4;
    const yieldTo = options.yieldTo ?? yieldToEventLoop;
    const run = async () => {
      const snapshot = new Map(this.overlay);
      const n = this.size;
      const offsets = new Int32Array(n + 1);
      let total = 0;
      for (let i = 0; i < n; i++) {
        offsets[i] = total;
        total += this.degreeAt(i);
      }
      offsets[n] = total;
      const oldOffsets = this.offsets;
      const oldNeighbours = this.neighbours;
      const oldBase = this.baseSize;
      const neighbours = new Int32Array(total);
      let sliceStart = performance.now();
      for (let i = 0; i < n; i++) {
        const own = snapshot.get(i);
        if (own) neighbours.set(own, offsets[i]!);
        else if (i < oldBase) neighbours.set(oldNeighbours.subarray(oldOffsets[i]!, oldOffsets[i + 1]!), offsets[i]!);
        if ((i & 1023) === 0 && performance.now() - sliceStart > sliceMs) {
          await yieldTo();
          sliceStart = performance.now();
        }
      }
      this.offsets = offsets;
      this.neighbours = neighbours;
      this.baseSize = n;
      for (const [i, list] of snapshot) {
        if (this.overlay.get(i) !== list) continue; // changed again since: its newer list stays
        this.overlay.delete(i);
        this.overlayLength -= list.length;
        this.flags[i] = this.flags[i]! & ~OVERLAY;
      }
    };
    this.compacting = run().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  /** Merges the overlay now, in one go (tests, tools). */
  compactNow(): Promise<void> {
    return this.compact({ sliceMs: Number.POSITIVE_INFINITY, yieldTo: () => Promise.resolve() });
  }

  stats(): GraphIndexStats {
    let overlayBytes = 0;
    for (const list of this.overlay.values()) overlayBytes += list.byteLength + 64;
    const parts = {
      neighbours: this.neighbours.byteLength,
      offsets: this.offsets.byteLength,
      memberIds: this.idOf.byteLength,
      idTable: this.ids.bytes(),
      flags: this.flags.byteLength,
      sketch: this.sketch?.bytes ?? 0,
      scratch: this.counts.byteLength + this.touched.byteLength + this.marks.byteLength + this.nearMarks.byteLength,
      overlay: overlayBytes,
    };
    const bytes = Object.values(parts).reduce((sum, part) => sum + part, 0);
    return {
      members: this.size,
      directedEdges: this.edges,
      baseEdges: this.neighbours.length,
      overlayMembers: this.overlay.size,
      overlayEntries: this.overlayLength,
      bytes,
      bytesPerDirectedEdge: this.edges > 0 ? bytes / this.edges : 0,
      parts,
    };
  }

  // ---- internals -----------------------------------------------------------------------------

  private grow(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, Math.ceil(this.capacity * 1.5), 16);
    const idOf = new Float64Array(capacity);
    idOf.set(this.idOf.subarray(0, this.size));
    const flags = new Uint8Array(capacity);
    flags.set(this.flags.subarray(0, this.size));
    this.idOf = idOf;
    this.flags = flags;
    // Scratch is all zero between calls, so fresh arrays lose nothing.
    this.counts = new Uint16Array(capacity);
    this.marks = new Uint32Array((capacity + 31) >>> 5);
    this.touched = new Int32Array(capacity);
    this.capacity = capacity;
  }

  /** The index's current lists, for building a sketch. */
  private adjacency(): AdjacencySource {
    return {
      memberCount: this.size,
      mostConnectedIndexes: (count) => this.mostConnectedIndexes(count),
      listAt: (i) => {
        this.load(i);
        return this.la.subarray(this.ls, this.le);
      },
    };
  }

  private degreeAt(i: number): number {
    if (this.overlay.size !== 0 && (this.flags[i]! & OVERLAY) !== 0) return this.overlay.get(i)!.length;
    return i < this.baseSize ? this.offsets[i + 1]! - this.offsets[i]! : 0;
  }

  /** Points `la[ls, le)` at member i's current list. */
  private load(i: number): void {
    if (this.overlay.size !== 0 && (this.flags[i]! & OVERLAY) !== 0) {
      const list = this.overlay.get(i)!;
      this.la = list;
      this.ls = 0;
      this.le = list.length;
    } else if (i < this.baseSize) {
      this.la = this.neighbours;
      this.ls = this.offsets[i]!;
      this.le = this.offsets[i + 1]!;
    } else {
      this.la = EMPTY;
      this.ls = 0;
      this.le = 0;
    }
  }

  private connectedAt(a: number, b: number): boolean {
    if (this.degreeAt(a) > this.degreeAt(b)) {
      const swap = a;
      a = b;
      b = swap;
    }
    this.load(a);
    return contains(this.la, this.ls, this.le, b);
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
  private withinThree(A: Int32Array, as: number, ae: number, B: Int32Array, bs: number, be: number): boolean {
    let S = A, ss = as, se = ae, M = B, ms = bs, me = be;
    if (be - bs < ae - as) {
      S = B; ss = bs; se = be;
      M = A; ms = as; me = ae;
    }
    const big = 16 * (me - ms);
    const marks = this.marks;
    const near = this.nearMarks;
    for (let k = ms; k < me; k++) {
      const y = M[k]!;
      marks[y >>> 5] = marks[y >>> 5]! | (1 << (y & 31));
      near[(y >>> 5) & NEAR_MARK_MASK] = near[(y >>> 5) & NEAR_MARK_MASK]! | (1 << (y & 31));
    }
    let found = false;
    if (this.overlay.size === 0 && this.touched.length >= 16) {
      found = this.walkWithinThree(S, ss, se, M, ms, me, big);
      this.clearMarks(M, ms, me);
      return found;
    }
    outer: for (let k = ss; k < se; k++) {
      this.load(S[k]!);
      const L = this.la;
      const ls = this.ls;
      const le = this.le;
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
    this.clearMarks(M, ms, me);
    return found;
  }

  /**
   * Whether an entry of `[ls, le)` is marked. Four entries a step, their filter tests OR-ed into one
   * branch: the filter almost always says no, and one rarely taken branch per four entries keeps the
   * loop at a few cycles an entry.
   */
  private listTouchesMarks(L: Int32Array, ls: number, le: number): boolean {
    const near = this.nearMarks;
    const marks = this.marks;
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

  private clearMarks(M: Int32Array, ms: number, me: number): void {
    const marks = this.marks;
    const near = this.nearMarks;
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
  private walkWithinThree(S: Int32Array, ss: number, se: number, M: Int32Array, ms: number, me: number, big: number): boolean {
    const offsets = this.offsets;
    const neighbours = this.neighbours;
    const marks = this.marks;
    const near = this.nearMarks;
    const bounds = this.touched;
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
        if (this.listTouchesMarks(neighbours, ls, le)) return true;
      }
    }
    this.touchedValue = touch; // keeps the touching loads from being dropped as dead code
    return false;
  }

  /** Adds or removes b in a's list, copy-on-write into the overlay. */
  private setDirected(a: number, b: number, connected: boolean): boolean {
    this.load(a);
    const L = this.la, ls = this.ls, le = this.le;
    const at = gallop(L, ls, le, b);
    const found = at < le && L[at] === b;
    if (found === connected) return false;
    const length = le - ls;
    const next = new Int32Array(connected ? length + 1 : length - 1);
    next.set(L.subarray(ls, at), 0);
    if (connected) {
      next[at - ls] = b;
      next.set(L.subarray(at, le), at - ls + 1);
    } else {
      next.set(L.subarray(at + 1, le), at - ls);
    }
    const previous = (this.flags[a]! & OVERLAY) !== 0 ? this.overlay.get(a)! : null;
    if (previous) this.overlayLength -= previous.length;
    this.overlay.set(a, next);
    this.overlayLength += next.length;
    this.flags[a] = this.flags[a]! | OVERLAY;
    this.edges += connected ? 1 : -1;
    if (!connected) this.removals++;
    return true;
  }
}

/**
 * Builds an index from rows streamed in (member_id, other_id) order — the primary-key order of the
 * `connections` table — after the members, in id order. Rows naming a member the build does not
 * know (one who joined during the build) are skipped: their outbox events fix them up afterwards.
 */
export class GraphIndexBuilder {
  private readonly memberIds: Float64Array;
  private readonly companies: Uint8Array | undefined;
  private readonly ids: Map<number, number> | Int32Array;
  private offsets: Int32Array;
  private neighbours: Int32Array;
  private filled = 0;
  private current = -1;
  skipped = 0;

  constructor(memberIds: Float64Array, companies: Uint8Array | undefined, expectedEdges: number) {
    this.memberIds = memberIds;
    const n = memberIds.length;
    const maxId = n > 0 ? memberIds[n - 1]! : 0;
    if (maxId <= 0x7fffffff && maxId <= 8 * n + (1 << 20)) {
      const table = new Int32Array(maxId + 1).fill(-1);
      for (let i = 0; i < n; i++) table[memberIds[i]!] = i;
      this.ids = table;
    } else {
      this.ids = new Map();
      for (let i = 0; i < n; i++) this.ids.set(memberIds[i]!, i);
    }
    this.companies = companies;
    this.offsets = new Int32Array(n + 1);
    this.neighbours = new Int32Array(Math.max(16, expectedEdges));
  }

  private indexOf(id: number): number {
    if (this.ids instanceof Map) return this.ids.get(id) ?? -1;
    return id >= 0 && id < this.ids.length ? this.ids[id]! : -1;
  }

  /** One directed row; rows must come in (member_id, other_id) order. */
  add(memberId: number, otherId: number): void {
    const m = this.indexOf(memberId);
    const o = this.indexOf(otherId);
    if (m < 0 || o < 0 || m === o) {
      this.skipped++;
      return;
    }
    if (m < this.current) throw new Error('connections must arrive in (member_id, other_id) order');
    while (this.current < m) this.offsets[++this.current] = this.filled;
    if (this.filled === this.neighbours.length) {
      if (this.filled >= 0x7fffffff) throw new Error('more than 2^31 directed edges: offsets would overflow Int32');
      const grown = new Int32Array(Math.ceil(this.neighbours.length * 1.5) + 16);
      grown.set(this.neighbours);
      this.neighbours = grown;
    }
    this.neighbours[this.filled++] = o;
  }

  get rows(): number {
    return this.filled;
  }

  finish(): GraphIndex {
    const n = this.memberIds.length;
    while (this.current < n) this.offsets[++this.current] = this.filled;
    const neighbours = this.filled === this.neighbours.length ? this.neighbours : this.neighbours.slice(0, this.filled);
    return GraphIndex.fromCsr(this.memberIds, this.offsets, neighbours, this.companies);
  }
}
