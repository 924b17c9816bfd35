import type { AppContext } from '../context.js';
import type { Degree } from '../graph/graph-index.js';
import { graphReader } from '../graph/graph-reads.js';

/**
 * The viewer's degree to each of `others` (for lists: invitations, contacts), from the graph index
 * when one runs, as fresh as a screen needs (no poll per list: see `Freshness`).
 */
export async function degreesFrom(ctx: AppContext, viewerId: number, others: readonly (number | null)[]): Promise<Map<number, Degree>> {
  const ids = [...new Set(others.filter((id): id is number => id !== null && id !== viewerId))];
  const graph = await graphReader(ctx, { freshness: 'screen' });
  const degrees = await Promise.all(ids.map((id) => graph.degree(viewerId, id)));
  return new Map(ids.map((id, i) => [id, degrees[i]!]));
}
