/** How many landmarks a sketch follows: two 32-bit words per member and table. */
export const LANDMARKS = 64;

/** What a sketch is built from: the index's current lists, by dense member index. */
export interface AdjacencySource {
  readonly memberCount: number;
  /** Dense indexes of the best-connected members, most connected first. */
  mostConnectedIndexes(count: number): number[];
  /** Member i's connections (dense indexes), as they are now. */
  listAt(i: number): Int32Array;
}

/**
 * A shortcut for 3rd-degree answers in a heavy-tailed network. For each member it keeps which of
 * the 64 best-connected members (the landmarks) they are connected to (`near`), and which
 * landmarks their connections are connected to (`reach`): 16 bytes a member.
 *
 * If a is connected to a landmark that one of b's connections is connected to, a – landmark – y – b
 * is a path of three steps, so a and b are at most three apart — found in two memory reads, where
 * the exact walk reads lists until it meets one. Most such paths run through a hub, which is what
 * makes the shortcut answer most 3rd-degree pairs (about two thirds of random pairs in the
 * synthetic million-member network).
 *
 * It only ever proves a path; "no" sends the caller to the exact walk. Connections made since the
 * build only add paths, so the sketch stays sound; a connection removed since may have broken one,
 * so the index stops using a sketch built before the last removal.
 */
export class LandmarkSketch {
  constructor(
    /** Members covered: dense indexes below this. Members added since have no bits. */
    readonly size: number,
    private readonly near: Uint32Array,
    private readonly reach: Uint32Array,
    /** The index's removal count when the build began. */
    readonly removals: number,
  ) {}

  /** A path of three steps through a landmark joins a and b (dense indexes). */
  linksInThree(a: number, b: number): boolean {
    if (a >= this.size || b >= this.size) return false;
    const near = this.near;
    const reach = this.reach;
    const a0 = 2 * a, b0 = 2 * b;
    return ((near[a0]! & reach[b0]!) | (near[a0 + 1]! & reach[b0 + 1]!) | (reach[a0]! & near[b0]!) | (reach[a0 + 1]! & near[b0 + 1]!)) !== 0;
  }

  get bytes(): number {
    return this.near.byteLength + this.reach.byteLength;
  }

  /** Builds a sketch in one go. */
  static build(source: AdjacencySource, removals: number): LandmarkSketch {
    const builder = new SketchBuilder(source, removals);
    while (!builder.step(Number.POSITIVE_INFINITY));
    return builder.finish();
  }

  /**
   * Builds a sketch without holding the thread for long: slices of about `sliceMs`, yielding
   * between them. Answers null when `stale()` says a change made it unsound before it was done.
   */
  static async buildInSlices(
    source: AdjacencySource,
    removals: number,
    options: { sliceMs: number; yieldTo: () => Promise<void>; stale: () => boolean },
  ): Promise<LandmarkSketch | null> {
    const builder = new SketchBuilder(source, removals);
    for (;;) {
      const started = performance.now();
      let done = builder.step(1024);
      while (!done && performance.now() - started < options.sliceMs) done = builder.step(1024);
      if (options.stale()) return null;
      if (done) return builder.finish();
      await options.yieldTo();
    }
  }
}

/** The build, in steps of a number of members: landmarks' lists first, then each member's reach. */
class SketchBuilder {
  private readonly size: number;
  private readonly near: Uint32Array;
  private readonly reach: Uint32Array;
  private next = 0;

  constructor(
    private readonly source: AdjacencySource,
    private readonly removals: number,
  ) {
    this.size = source.memberCount;
    this.near = new Uint32Array(2 * this.size);
    this.reach = new Uint32Array(2 * this.size);
    const landmarks = source.mostConnectedIndexes(LANDMARKS);
    for (let j = 0; j < landmarks.length; j++) {
      const list = source.listAt(landmarks[j]!);
      const word = j >>> 5;
      const bit = 1 << (j & 31);
      for (let k = 0; k < list.length; k++) {
        const y = list[k]!;
        if (y < this.size) this.near[2 * y + word] = this.near[2 * y + word]! | bit;
      }
    }
  }

  /** Fills the reach of up to `members` more members; answers whether every member is done. */
  step(members: number): boolean {
    const end = Math.min(this.size, this.next + members);
    const near = this.near;
    for (let v = this.next; v < end; v++) {
      const list = this.source.listAt(v);
      let low = 0, high = 0;
      for (let k = 0; k < list.length; k++) {
        const y = list[k]!;
        if (y >= this.size) continue;
        low |= near[2 * y]!;
        high |= near[2 * y + 1]!;
      }
      this.reach[2 * v] = low;
      this.reach[2 * v + 1] = high;
    }
    this.next = end;
    return end === this.size;
  }

  finish(): LandmarkSketch {
    return new LandmarkSketch(this.size, this.near, this.reach, this.removals);
  }
}
