/** CSR adjacency: `neighbours[offsets[i] … offsets[i+1])` holds member i's connections, sorted. */
export interface Csr {
  offsets: Int32Array;
  neighbours: Int32Array;
}

/**
 * CSR arrays from dense-index edges: `edges` holds pairs [a0, b0, a1, b1, …] of indexes below `n`,
 * each connection once or twice, in any order. Self-loops and repeats are dropped.
 */
export function csrFromEdges(n: number, edges: Int32Array): Csr {
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
  return { offsets, neighbours: write === neighbours.length ? neighbours : neighbours.slice(0, write) };
}
