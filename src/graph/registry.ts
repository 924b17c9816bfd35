import type { Db } from '../db/database.js';
import { onCommitted } from '../db/transaction.js';
import type { GraphIndex } from './graph-index.js';
import { createGraphIndex, GraphSync, type BuildOptions, type SyncOptions } from './index-sync.js';

/**
 * How fresh a read needs the index. `committed`: every change committed before the call (one shared
 * poll first). `screen`: what a page shows — the index as of a poll that finished less than
 * `SCREEN_MAX_AGE_MS` ago and after this process's own last graph change (read-your-writes); it
 * polls first only when that does not hold. Another process's change shows within about
 * `SCREEN_MAX_AGE_MS` plus one poll, inside the "every process reflects a change within 1 s".
 */
export type Freshness = 'committed' | 'screen';
export const SCREEN_MAX_AGE_MS = 500;
const GRAPH_TOPICS = ['connection.created', 'connection.removed'];

/** A running graph index: built from the database and kept fresh from the outbox. */
export interface GraphHandle {
  readonly index: GraphIndex;
  readonly sync: GraphSync;
  readonly buildMillis: number;
  /** The index with every change committed before this call applied (one shared poll), or as fresh as a screen needs. */
  current(freshness?: Freshness): Promise<GraphIndex>;
  stop(): Promise<void>;
}

interface Entry {
  handle: GraphHandle | null;
  starting: Promise<GraphHandle>;
  users: number;
}

/** One index per service context (tests run several services in one process). */
const running = new WeakMap<object, Entry>();

export interface StartOptions extends SyncOptions, BuildOptions {}

/**
 * Builds the graph index of a service from its database and starts keeping it fresh; routes find
 * it through `graphFor(ctx)` (until it is ready they answer from SQL). Starting twice for the same
 * context shares one index; each caller's `stop()` releases its use, the last one stops it.
 *
 * In `createService`: `const graph = await startGraphSync(ctx, { onError })` before `ready = true`,
 * and `await graph.stop()` in `close()` after the server stopped taking requests.
 */
export async function startGraphSync(ctx: { db: Db }, options: StartOptions = {}): Promise<GraphHandle> {
  let entry = running.get(ctx);
  if (!entry) {
    const created: Entry = { handle: null, users: 0, starting: Promise.resolve(null as unknown as GraphHandle) };
    created.starting = (async () => {
      const built = await createGraphIndex(ctx.db, options);
      const sync = new GraphSync(ctx.db, built.index, built.floor, options);
      const unlisten = onCommitted(ctx.db, (topics) => {
        if (GRAPH_TOPICS.some((topic) => topics.has(topic))) sync.noteLocalWrite();
      });
      sync.start();
      const handle: GraphHandle = {
        index: built.index,
        sync,
        buildMillis: built.millis,
        current: async (freshness = 'committed') => {
          if (freshness === 'screen' && sync.isFresh(SCREEN_MAX_AGE_MS)) return built.index;
          await sync.catchUp();
          return built.index;
        },
        stop: async () => {
          unlisten();
          await sync.stop();
        },
      };
      created.handle = handle;
      return handle;
    })();
    created.starting.catch(() => running.delete(ctx));
    running.set(ctx, created);
    entry = created;
  }
  entry.users++;
  const shared = await entry.starting;
  const owner = entry;
  let released = false;
  return {
    ...shared,
    current: shared.current,
    async stop() {
      if (released) return;
      released = true;
      owner.users--;
      if (owner.users > 0) return;
      if (running.get(ctx) === owner) running.delete(ctx);
      await shared.stop();
    },
  };
}

/** The service's running graph index, or undefined when none was started (or it is still building). */
export function graphFor(ctx: object): GraphHandle | undefined {
  return running.get(ctx)?.handle ?? undefined;
}

/**
 * The index, current as of this call (every committed change applied), or null when the service
 * runs without one: the caller then answers from SQL. Never call it inside an open transaction on
 * the embedded database — the poll needs the one connection the transaction holds.
 */
export async function currentGraph(ctx: object, freshness: Freshness = 'committed'): Promise<GraphIndex | null> {
  const handle = graphFor(ctx);
  return handle ? handle.current(freshness) : null;
}
