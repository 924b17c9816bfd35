import type { Executor } from '../db/database.js';
import { loadSuggestionExclusions } from './exclusions.js';
import type { Degree, GraphIndex, SuggestedMember } from './graph-index.js';
import { currentGraph, type Freshness } from './registry.js';
import { countMutualConnections, countMutualConnectionsWith, degreeBetween, listMutualConnections, suggestPeople } from './sql-graph.js';

/**
 * The graph reads a screen needs, answered by the process's in-memory index when one runs (brought
 * up to date with every committed change first: one shared, indexed outbox query) and by SQL when
 * none does. Both give the same answers: the SQL versions are the index's test oracle.
 */
export interface GraphReader {
  readonly source: 'index' | 'sql';
  degree(a: number, b: number): Promise<Degree>;
  mutualCount(a: number, b: number): Promise<number>;
  mutualCounts(viewer: number, others: readonly number[]): Promise<Map<number, number>>;
  /** Shared connections, most connected first. */
  mutualList(a: number, b: number, limit: number, offset: number): Promise<number[]>;
  /** People you may know, with every exclusion rule applied (see `loadSuggestionExclusions`). */
  suggest(viewer: number, limit: number, offset: number): Promise<SuggestedMember[]>;
}

/**
 * `freshness: 'screen'` lets a page read the index without a poll when a recent one covers this
 * process's own changes (see `Freshness`); the default waits for every committed change.
 */
export async function graphReader(ctx: { db: Executor }, options: { freshness?: Freshness } = {}): Promise<GraphReader> {
  const index = await currentGraph(ctx, options.freshness ?? 'committed');
  return index ? indexReader(ctx.db, index) : sqlReader(ctx.db);
}

function indexReader(db: Executor, index: GraphIndex): GraphReader {
  return {
    source: 'index',
    degree: async (a, b) => index.degree(a, b),
    mutualCount: async (a, b) => (a === b ? 0 : index.mutualCount(a, b)),
    mutualCounts: async (viewer, others) => index.mutualCounts(viewer, others),
    mutualList: async (a, b, limit, offset) => index.mutualList(a, b, limit, offset),
    suggest: async (viewer, limit, offset) => {
      const exclude = await loadSuggestionExclusions(db, viewer);
      return index.suggest(viewer, { limit, offset, exclude });
    },
  };
}

function sqlReader(db: Executor): GraphReader {
  return {
    source: 'sql',
    degree: (a, b) => degreeBetween(db, a, b),
    mutualCount: async (a, b) => (a === b ? 0 : countMutualConnections(db, a, b)),
    mutualCounts: (viewer, others) => countMutualConnectionsWith(db, viewer, others),
    mutualList: (a, b, limit, offset) => listMutualConnections(db, a, b, limit, offset),
    suggest: (viewer, limit, offset) => suggestPeople(db, viewer, limit, offset),
  };
}
