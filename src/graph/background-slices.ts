/** How background work shares the thread: slices of about `sliceMs`, `yieldTo` between them. */
export interface SliceOptions {
  sliceMs?: number;
  yieldTo?: () => Promise<void>;
}

/** Lets waiting requests and timers run between the slices of background work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
