import { IdTable } from './id-table.js';
import { contains } from './intersect.js';
import type { AdjacencySource } from './landmark-sketch.js';
import { Overlay, withEntry } from './overlay.js';
import { TopK } from './top-k.js';

const OVERLAY = 1;
const COMPANY = 2;
export const EMPTY = new Int32Array(0);

/**
 * The connection lists as stored: members mapped to dense indexes (in member id order at build
 * time), a CSR base — `neighbours[offsets[i] … offsets[i+1])` holds member i's connections, sorted,
 * 4 bytes per directed edge — and the overlay of lists changed since, which every read consults
 * first. The queries read the fields directly on their hot paths; only this class and a compaction
 * (through `rebase`) write them.
 */
export class Adjacency implements AdjacencySource {
  size = 0;
  capacity = 0;
  idOf = new Float64Array(0);
  flags = new Uint8Array(0);
  readonly ids = new IdTable();
  offsets: Int32Array = new Int32Array(1);
  neighbours: Int32Array = EMPTY;
  /** Members covered by the CSR: dense indexes below this. */
  baseSize = 0;
  readonly overlay = new Overlay();
  /** The overlay's lists (the same Map), read on every `load`. */
  private readonly changed = this.overlay.lists;
  edges = 0;
  /** Connections removed so far (a sketch built before the last one may vouch for a broken path). */
  removals = 0;

  // The list `load()` found last: avoids allocating a subarray per neighbour on hot paths.
  la: Int32Array = EMPTY;
  ls = 0;
  le = 0;

  /** Storage over a ready CSR: sorted, duplicate-free and symmetric lists of dense indexes. */
  static fromCsr(memberIds: ArrayLike<number>, offsets: Int32Array, neighbours: Int32Array, companies?: Uint8Array): Adjacency {
    const adjacency = new Adjacency();
    const n = memberIds.length;
    if (offsets.length !== n + 1) throw new Error(`offsets must have ${n + 1} entries, not ${offsets.length}`);
    adjacency.grow(n);
    for (let i = 0; i < n; i++) {
      const id = memberIds[i]!;
      if (adjacency.ids.get(id) >= 0) throw new Error(`member ${id} appears twice`);
      adjacency.idOf[i] = id;
      adjacency.ids.set(id, i, n);
      if (companies?.[i]) adjacency.flags[i] = COMPANY;
    }
    adjacency.size = n;
    adjacency.offsets = offsets;
    adjacency.neighbours = neighbours;
    adjacency.baseSize = n;
    adjacency.edges = offsets[n]!;
    return adjacency;
  }

  get memberCount(): number {
    return this.size;
  }

  /** Adds a member (no-op when known) and answers its dense index. */
  addMember(id: number, company: boolean): number {
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

  isCompany(i: number): boolean {
    return (this.flags[i]! & COMPANY) !== 0;
  }

  overlayEmpty(): boolean {
    return this.changed.size === 0;
  }

  /** How many connections member i has now. */
  degreeAt(i: number): number {
    if (this.changed.size !== 0 && (this.flags[i]! & OVERLAY) !== 0) return this.changed.get(i)!.length;
    return i < this.baseSize ? this.offsets[i + 1]! - this.offsets[i]! : 0;
  }

  /** Points `la[ls, le)` at member i's current list. */
  load(i: number): void {
    if (this.changed.size !== 0 && (this.flags[i]! & OVERLAY) !== 0) {
      const list = this.changed.get(i)!;
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

  /** Member i's connections (dense indexes), as they are now: a view of this memory. */
  listAt(i: number): Int32Array {
    this.load(i);
    return this.la.subarray(this.ls, this.le);
  }

  connectedAt(a: number, b: number): boolean {
    if (this.degreeAt(a) > this.degreeAt(b)) {
      const swap = a;
      a = b;
      b = swap;
    }
    this.load(a);
    return contains(this.la, this.ls, this.le, b);
  }

  /** Dense indexes of the most connected members, most connected first (ties by id). */
  mostConnectedIndexes(count: number): number[] {
    const top = new TopK(Math.min(count, this.size));
    for (let i = 0; i < this.size; i++) {
      const key = this.degreeAt(i);
      const id = this.idOf[i]!;
      if (top.wouldKeep(key, id)) top.offer(i, key, id);
    }
    return top.drain().map(({ node }) => node);
  }

  /** Adds or removes b in a's list, copy-on-write into the overlay; answers whether it changed. */
  setDirected(a: number, b: number, connected: boolean): boolean {
    this.load(a);
    const next = withEntry(this.la, this.ls, this.le, b, connected);
    if (next === null) return false;
    this.overlay.put(a, next, (this.flags[a]! & OVERLAY) !== 0 ? this.changed.get(a)! : null);
    this.flags[a] = this.flags[a]! | OVERLAY;
    this.edges += connected ? 1 : -1;
    if (!connected) this.removals++;
    return true;
  }

  /**
   * Swaps in a new CSR made of the lists of the first `baseSize` members, `merged` (a copy of the
   * overlay) included; the lists merged leave the overlay unless they changed again since.
   */
  rebase(offsets: Int32Array, neighbours: Int32Array, baseSize: number, merged: ReadonlyMap<number, Int32Array>): void {
    this.offsets = offsets;
    this.neighbours = neighbours;
    this.baseSize = baseSize;
    for (const i of this.overlay.settle(merged)) this.flags[i] = this.flags[i]! & ~OVERLAY;
  }

  private grow(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, Math.ceil(this.capacity * 1.5), 16);
    const idOf = new Float64Array(capacity);
    idOf.set(this.idOf.subarray(0, this.size));
    const flags = new Uint8Array(capacity);
    flags.set(this.flags.subarray(0, this.size));
    this.idOf = idOf;
    this.flags = flags;
    this.capacity = capacity;
  }
}
