/**
 * Keeps the best `capacity` of a stream of (node, key, id): a higher key is better, and on equal
 * keys the lower member id is (so that answers are deterministic and match the SQL ordering).
 * A bounded min-heap whose root is the worst kept entry: O(n·log k) for n offers.
 */
export class TopK {
  private readonly nodes: Int32Array;
  private readonly keys: Float64Array;
  private readonly ids: Float64Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.nodes = new Int32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
    this.ids = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  /** The key an entry must beat (or tie, with a lower id) to be kept; -Infinity while not full. */
  get threshold(): number {
    return this.size < this.capacity ? Number.NEGATIVE_INFINITY : this.capacity === 0 ? Number.POSITIVE_INFINITY : this.keys[0]!;
  }

  /** Whether an entry with this key and id would be kept now. */
  wouldKeep(key: number, id: number): boolean {
    if (this.size < this.capacity) return true;
    if (this.capacity === 0) return false;
    const rootKey = this.keys[0]!;
    return key > rootKey || (key === rootKey && id < this.ids[0]!);
  }

  offer(node: number, key: number, id: number): void {
    if (this.size < this.capacity) {
      let at = this.size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.worse(key, id, parent)) break;
        this.move(parent, at);
        at = parent;
      }
      this.put(at, node, key, id);
      return;
    }
    if (!this.wouldKeep(key, id)) return;
    this.siftDown(node, key, id);
  }

  /** The kept entries, best first. */
  drain(): { node: number; key: number }[] {
    const out = new Array<{ node: number; key: number; id: number }>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = { node: this.nodes[i]!, key: this.keys[i]!, id: this.ids[i]! };
    out.sort((x, y) => y.key - x.key || x.id - y.id);
    this.size = 0;
    return out.map(({ node, key }) => ({ node, key }));
  }

  /** Is (key, id) worse than the entry at `at`? */
  private worse(key: number, id: number, at: number): boolean {
    const other = this.keys[at]!;
    return key < other || (key === other && id > this.ids[at]!);
  }

  private siftDown(node: number, key: number, id: number): void {
    let at = 0;
    const size = this.size;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && this.entryWorse(right, left)) child = right;
      if (!this.keyWorseThan(child, key, id)) break;
      this.move(child, at);
      at = child;
    }
    this.put(at, node, key, id);
  }

  /** Is the entry at `at` worse than (key, id)? */
  private keyWorseThan(at: number, key: number, id: number): boolean {
    const other = this.keys[at]!;
    return other < key || (other === key && this.ids[at]! > id);
  }

  private entryWorse(i: number, j: number): boolean {
    const ki = this.keys[i]!;
    const kj = this.keys[j]!;
    return ki < kj || (ki === kj && this.ids[i]! > this.ids[j]!);
  }

  private move(from: number, to: number): void {
    this.nodes[to] = this.nodes[from]!;
    this.keys[to] = this.keys[from]!;
    this.ids[to] = this.ids[from]!;
  }

  private put(at: number, node: number, key: number, id: number): void {
    this.nodes[at] = node;
    this.keys[at] = key;
    this.ids[at] = id;
  }
}
