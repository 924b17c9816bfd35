import { gallop } from './intersect.js';

/**
 * The changes made since the CSR was built: each changed member's whole new list, copy-on-write,
 * until a compaction merges them into a fresh CSR.
 */
export class Overlay {
  /** Dense member index → that member's current list, sorted. */
  readonly lists = new Map<number, Int32Array>();
  /** Entries over all lists: what a merge would take from here. */
  entries = 0;

  put(i: number, list: Int32Array, previous: Int32Array | null): void {
    if (previous) this.entries -= previous.length;
    this.lists.set(i, list);
    this.entries += list.length;
  }

  /**
   * After `merged` went into a new CSR: drops each of its lists that did not change again since
   * (a newer list stays), and answers the members dropped.
   */
  settle(merged: ReadonlyMap<number, Int32Array>): number[] {
    const dropped: number[] = [];
    for (const [i, list] of merged) {
      if (this.lists.get(i) !== list) continue;
      this.lists.delete(i);
      this.entries -= list.length;
      dropped.push(i);
    }
    return dropped;
  }

  bytes(): number {
    let bytes = 0;
    for (const list of this.lists.values()) bytes += list.byteLength + 64;
    return bytes;
  }
}

/** `L[ls, le)` (sorted) with b added or removed, as a new array; null when it is so already. */
export function withEntry(L: Int32Array, ls: number, le: number, b: number, present: boolean): Int32Array | null {
  const at = gallop(L, ls, le, b);
  const found = at < le && L[at] === b;
  if (found === present) return null;
  const length = le - ls;
  const next = new Int32Array(present ? length + 1 : length - 1);
  next.set(L.subarray(ls, at), 0);
  if (present) {
    next[at - ls] = b;
    next.set(L.subarray(at, le), at - ls + 1);
  } else {
    next.set(L.subarray(at + 1, le), at - ls);
  }
  return next;
}
