import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets other requests run during a long CPU-bound loop (parsing, hashing, storing a 50,000-row
 * file): `await pacer.pause()` between small steps gives the event loop back once `sliceMs` of work
 * have passed since the last time, so `/healthz` and other members' requests wait at most about
 * one slice, and a small file never waits at all.
 */
export class Pacer {
  private since = performance.now();

  constructor(private readonly sliceMs = 8) {}

  /** Yields to the event loop when the current slice is used up; answers the milliseconds spent away. */
  async pause(): Promise<number> {
    const before = performance.now();
    if (before - this.since < this.sliceMs) return 0;
    await nextTurn();
    this.since = performance.now();
    return this.since - before;
  }

  /** Always yields (between database statements, which may each hold the loop on the embedded database). */
  async yield(): Promise<void> {
    await nextTurn();
    this.since = performance.now();
  }
}
