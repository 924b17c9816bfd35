import { GraphIndex } from './graph-index.js';
import { IdTable } from './id-table.js';

/**
 * Builds an index from rows streamed in (member_id, other_id) order — the primary-key order of the
 * `connections` table — after the members, in id order. Rows naming a member the build does not
 * know (one who joined during the build) are skipped: their outbox events fix them up afterwards.
 */
export class GraphIndexBuilder {
  private readonly memberIds: Float64Array;
  private readonly companies: Uint8Array | undefined;
  private readonly ids: IdTable;
  private offsets: Int32Array;
  private neighbours: Int32Array;
  private filled = 0;
  private current = -1;
  skipped = 0;

  constructor(memberIds: Float64Array, companies: Uint8Array | undefined, expectedEdges: number) {
    this.memberIds = memberIds;
    this.ids = IdTable.of(memberIds);
    this.companies = companies;
    this.offsets = new Int32Array(memberIds.length + 1);
    this.neighbours = new Int32Array(Math.max(16, expectedEdges));
  }

  /** One directed row; rows must come in (member_id, other_id) order. */
  add(memberId: number, otherId: number): void {
    const m = this.ids.get(memberId);
    const o = this.ids.get(otherId);
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
