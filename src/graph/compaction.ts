import type { Adjacency } from './adjacency.js';
import { yieldToEventLoop, type SliceOptions } from './background-slices.js';

/** Whether the overlay has grown enough to be worth merging into the CSR: past max(65,536 entries, 1/32 of the CSR). */
export function overlayWantsMerge(adjacency: Adjacency): boolean {
  return adjacency.overlay.entries > Math.max(1 << 16, adjacency.neighbours.length >>> 5);
}

/**
 * Merges the overlay into a new CSR without holding the thread for long: the copy runs in slices,
 * yielding between them; queries and changes go on meanwhile and the new arrays are swapped in at
 * the end. Changes made during the merge stay in the overlay.
 */
export async function mergeOverlay(adjacency: Adjacency, options: SliceOptions = {}): Promise<void> {
  const sliceMs = options.sliceMs ?? 4;
  const yieldTo = options.yieldTo ?? yieldToEventLoop;
  const snapshot = new Map(adjacency.overlay.lists);
  const n = adjacency.size;
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = total;
    total += adjacency.degreeAt(i);
  }
  offsets[n] = total;
  const oldOffsets = adjacency.offsets;
  const oldNeighbours = adjacency.neighbours;
  const oldBase = adjacency.baseSize;
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
  adjacency.rebase(offsets, neighbours, n, snapshot);
}
