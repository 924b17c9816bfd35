import { Adjacency, EMPTY } from './adjacency.js';
import type { SliceOptions } from './background-slices.js';
import { mergeOverlay, overlayWantsMerge } from './compaction.js';
import { csrFromEdges } from './csr-from-edges.js';
import { degreeOf, type Degree } from './degree.js';
import { suggestFriendsOfFriends, type SuggestedMember, type SuggestOptions } from './friend-of-friend-walk.js';
import { memoryFigures, type GraphIndexStats } from './memory-figures.js';
import { mutualCountOf, mutualListOf } from './mutual-connections.js';
import { QueryScratch } from './query-scratch.js';
import { SketchUpkeep } from './sketch-upkeep.js';

export type { Degree, GraphIndexStats, SuggestedMember, SuggestOptions };

/**
 * The connection graph in memory, for the reads that run on every screen: degree, mutual
 * connections and people you may know.
 *
 * The lists live in `Adjacency` (a CSR plus an overlay of the lists changed since, merged into a
 * fresh CSR in the background when it grows); the queries are functions of those lists and of
 * shared scratch memory. Every method is synchronous, so the scratch is never used by two queries
 * at once.
 */
export class GraphIndex {
  private readonly scratch = new QueryScratch();
  private readonly sketches: SketchUpkeep;
  private compacting: Promise<void> | null = null;
  /** Counts changes applied; lets callers tell whether anything moved. */
  version = 0;

  private constructor(private readonly adjacency: Adjacency) {
    this.sketches = new SketchUpkeep(adjacency);
    this.scratch.fit(adjacency.capacity);
  }

  /** An empty index (members and connections are added through `addMember`/`setConnected`). */
  static empty(): GraphIndex {
    return new GraphIndex(new Adjacency());
  }

  /**
   * An index from dense-index edges: `edges` holds pairs [a0, b0, a1, b1, …] of indexes into
   * `memberIds`, each connection once or twice, in any order. Self-loops and repeats are dropped.
   */
  static fromEdges(memberIds: ArrayLike<number>, edges: Int32Array, companies?: Uint8Array): GraphIndex {
    const { offsets, neighbours } = csrFromEdges(memberIds.length, edges);
    return GraphIndex.fromCsr(memberIds, offsets, neighbours, companies);
  }

  /** An index over a ready CSR: sorted, duplicate-free and symmetric lists of dense indexes. */
  static fromCsr(memberIds: ArrayLike<number>, offsets: Int32Array, neighbours: Int32Array, companies?: Uint8Array): GraphIndex {
    const index = new GraphIndex(Adjacency.fromCsr(memberIds, offsets, neighbours, companies));
    index.refreshSketchNow();
    return index;
  }

  // ---- members -------------------------------------------------------------------------------

  get memberCount(): number {
    return this.adjacency.size;
  }

  /** Directed edges: twice the number of connections. */
  get directedEdgeCount(): number {
    return this.adjacency.edges;
  }

  has(id: number): boolean {
    return this.adjacency.ids.get(id) >= 0;
  }

  /** Adds a member (no-op when known) and answers its dense index. */
  addMember(id: number, company = false): number {
    const index = this.adjacency.addMember(id, company);
    this.scratch.fit(this.adjacency.capacity);
    return index;
  }

  /** How many connections a member has (0 when unknown). */
  connectionCount(id: number): number {
    const i = this.adjacency.ids.get(id);
    return i < 0 ? 0 : this.adjacency.degreeAt(i);
  }

  /** A member's connections, as member ids in dense (≈ id) order. */
  connectionsOf(id: number): number[] {
    const i = this.adjacency.ids.get(id);
    if (i < 0) return [];
    const list = this.adjacency.listAt(i);
    const idOf = this.adjacency.idOf;
    const out = new Array<number>(list.length);
    for (let k = 0; k < list.length; k++) out[k] = idOf[list[k]!]!;
    return out;
  }

  /** A member's connections as dense indexes, sorted (a copy): for benchmarks and tools. */
  denseNeighbours(id: number): Int32Array {
    const i = this.adjacency.ids.get(id);
    return i < 0 ? new Int32Array(0) : this.adjacency.listAt(i).slice();
  }

  /** A member's connections as dense indexes: a view of the index's own memory (read-only use). */
  neighbourView(id: number): Int32Array {
    const i = this.adjacency.ids.get(id);
    return i < 0 ? EMPTY : this.adjacency.listAt(i);
  }

  /** Member ids, most connected first (ties by id): the hubs. */
  mostConnected(count: number): number[] {
    return this.adjacency.mostConnectedIndexes(count).map((i) => this.adjacency.idOf[i]!);
  }

  /** The member id at a dense index (0 … memberCount-1). */
  memberIdAt(index: number): number {
    return this.adjacency.idOf[index]!;
  }

  // ---- queries -------------------------------------------------------------------------------

  areConnected(aId: number, bId: number): boolean {
    const a = this.adjacency.ids.get(aId);
    const b = this.adjacency.ids.get(bId);
    if (a < 0 || b < 0 || a === b) return false;
    return this.adjacency.connectedAt(a, b);
  }

  /** 1st (connected), 2nd (share a connection), 3rd (a connection of a 2nd) or null. */
  degree(aId: number, bId: number): Degree {
    return degreeOf(this.adjacency, this.scratch, this.sketches.sound(), aId, bId);
  }

  mutualCount(aId: number, bId: number): number {
    return mutualCountOf(this.adjacency, this.scratch, aId, bId);
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
    return mutualListOf(this.adjacency, this.scratch, aId, bId, limit, offset);
  }

  /**
   * People you may know: friends of friends ranked by mutual connections (then by how connected
   * they are, then by id), never the viewer, their connections, companies or `exclude`.
   */
  suggest(viewerId: number, options: SuggestOptions): SuggestedMember[] {
    return suggestFriendsOfFriends(this.adjacency, this.scratch, viewerId, options);
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
    const changedA = this.adjacency.setDirected(a, b, connected);
    const changedB = this.adjacency.setDirected(b, a, connected);
    if (changedA || changedB) this.version++;
    return changedA || changedB;
  }

  /** Whether the overlay has grown enough to be worth merging into the CSR. */
  get wantsCompaction(): boolean {
    return overlayWantsMerge(this.adjacency);
  }

  /**
   * Whether the landmark sketch should be rebuilt: a connection was removed since its build, or a
   * quarter more members have joined than it covers.
   */
  get wantsSketch(): boolean {
    return this.sketches.wanted;
  }

  /**
   * Rebuilds the landmark sketch from the current lists in slices of about `sliceMs`, yielding
   * between them. A connection removed meanwhile makes the result unsound: it is dropped, and
   * `wantsSketch` still says so.
   */
  refreshSketch(options: SliceOptions = {}): Promise<void> {
    return this.sketches.refresh(options);
  }

  /** Rebuilds the landmark sketch now, in one go (tests, tools). */
  refreshSketchNow(): void {
    this.sketches.refreshNow();
  }

  get overlayMembers(): number {
    return this.adjacency.overlay.lists.size;
  }

  /**
   * Merges the overlay into a new CSR without holding the thread for long: the copy runs in slices
   * of about `sliceMs`, yielding between them; queries and changes go on meanwhile and the new
   * arrays are swapped in at the end. Changes made during the merge stay in the overlay.
   */
  compact(options: SliceOptions = {}): Promise<void> {
    if (this.compacting) return this.compacting;
    this.compacting = mergeOverlay(this.adjacency, options).finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  /** Merges the overlay now, in one go (tests, tools). */
  compactNow(): Promise<void> {
    return this.compact({ sliceMs: Number.POSITIVE_INFINITY, yieldTo: () => Promise.resolve() });
  }

  stats(): GraphIndexStats {
    return memoryFigures(this.adjacency, this.scratch, this.sketches.bytes);
  }
}
