/** Words of the folded mark filter (`nearMarks`): 1,024 × 32 bits, 4 KiB. */
export const NEAR_MARK_WORDS = 1024;

/**
 * Working memory of the queries, sized to the members and allocated once, all zero between calls:
 * every query is synchronous, so no two use it at once.
 */
export class QueryScratch {
  /** Friend-of-friend counters for suggestions. */
  counts = new Uint16Array(0);
  /** One bit per member: the 3rd-degree check, long mutual counts. */
  marks = new Uint32Array(0);
  /**
   * The same marks folded into 32,768 bits (4 KiB, stays in the L1 cache): the walk of the
   * 3rd-degree check tests each entry here first and reaches the full bitset only on a hit, which
   * the ~100 marked members make rare (about 0.3 %).
   */
  readonly nearMarks = new Uint32Array(NEAR_MARK_WORDS);
  /** The members a query touched, to reset `counts`, or an intersection's output. */
  touched = new Int32Array(0);
  /** Where loads made only to warm the cache leave their value, so they are not dropped as dead code. */
  sink = 0;
  private capacity = 0;

  /** Room for `capacity` members. Fresh arrays lose nothing: scratch is all zero between calls. */
  fit(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.counts = new Uint16Array(capacity);
    this.marks = new Uint32Array((capacity + 31) >>> 5);
    this.touched = new Int32Array(capacity);
    this.capacity = capacity;
  }

  get bytes(): number {
    return this.counts.byteLength + this.touched.byteLength + this.marks.byteLength + this.nearMarks.byteLength;
  }
}
