import type { Adjacency } from './adjacency.js';
import { yieldToEventLoop, type SliceOptions } from './background-slices.js';
import { LandmarkSketch } from './landmark-sketch.js';

/**
 * Keeps the index's landmark sketch: built with the index, trusted only while no connection was
 * removed since its build, rebuilt in the background when it is stale or covers too few members.
 */
export class SketchUpkeep {
  private sketch: LandmarkSketch | null = null;
  private building: Promise<void> | null = null;

  constructor(private readonly adjacency: Adjacency) {}

  /** The sketch when it is sound: no connection was removed since its build. */
  sound(): LandmarkSketch | null {
    const sketch = this.sketch;
    return sketch !== null && sketch.removals === this.adjacency.removals ? sketch : null;
  }

  get bytes(): number {
    return this.sketch?.bytes ?? 0;
  }

  /**
   * Whether the sketch should be rebuilt: a connection was removed since its build, or a quarter
   * more members have joined than it covers.
   */
  get wanted(): boolean {
    if (this.building) return false;
    const sketch = this.sketch;
    const size = this.adjacency.size;
    return sketch === null || sketch.removals !== this.adjacency.removals || size > sketch.size + (sketch.size >>> 2) + 1024;
  }

  /**
   * Rebuilds the sketch from the current lists in slices, yielding between them. A connection
   * removed meanwhile makes the result unsound: it is dropped, and `wanted` still says so.
   */
  refresh(options: SliceOptions = {}): Promise<void> {
    if (this.building) return this.building;
    const adjacency = this.adjacency;
    const removals = adjacency.removals;
    const run = async () => {
      const sketch = await LandmarkSketch.buildInSlices(adjacency, removals, {
        sliceMs: options.sliceMs ?? 4,
        yieldTo: options.yieldTo ?? yieldToEventLoop,
        stale: () => adjacency.removals !== removals,
      });
      if (sketch) this.sketch = sketch;
    };
    this.building = run().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  /** Rebuilds the sketch now, in one go. */
  refreshNow(): void {
    this.sketch = LandmarkSketch.build(this.adjacency, this.adjacency.removals);
  }
}
