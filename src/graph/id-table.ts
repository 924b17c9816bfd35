/** Whether a direct table still fits `id` among `count` members: ids reasonably dense, as identity columns are. */
function fitsTable(id: number, count: number): boolean {
  return Number.isInteger(id) && id >= 0 && id <= 0x7fffffff && id <= 8 * count + (1 << 20);
}

/**
 * Member id → dense index: a direct table while ids are reasonably dense (identity columns are),
 * a Map when they are not.
 */
export class IdTable {
  private table = new Int32Array(0);
  private map: Map<number, number> | null = null;

  /** The table of `ids[i] → i`, in one go (each id once). */
  static of(ids: ArrayLike<number>): IdTable {
    const result = new IdTable();
    const n = ids.length;
    let max = 0;
    let dense = true;
    for (let i = 0; i < n && dense; i++) {
      dense = fitsTable(ids[i]!, n);
      if (ids[i]! > max) max = ids[i]!;
    }
    if (dense) {
      result.table = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < n; i++) result.table[ids[i]!] = i;
    } else {
      result.map = new Map();
      for (let i = 0; i < n; i++) result.map.set(ids[i]!, i);
    }
    return result;
  }

  get(id: number): number {
    if (this.map) return this.map.get(id) ?? -1;
    return id >= 0 && id < this.table.length ? this.table[id]! : -1;
  }

  set(id: number, index: number, count: number): void {
    if (!this.map && !fitsTable(id, count)) {
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
