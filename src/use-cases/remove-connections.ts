import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { removeConnectionIn } from './connections.js';

export interface RemovedConnections {
  /** Members no longer connected with the actor, in the order asked. */
  removed: number[];
  /** Ids that were not the actor's connections (or no member at all): nothing done for them. */
  notConnected: number[];
}

/**
 * Removes several connections at once, by the same rule as removing one (`removeConnectionIn`), in
 * one transaction: every connection among `otherIds` ends together, or none does. Ids that are not
 * a connection are answered back, not refused, so a stale selection still removes the rest; an
 * unknown member and a member you are not connected with answer the same. Nobody is told.
 */
export async function removeConnections(ctx: AppContext, memberId: number, otherIds: readonly number[]): Promise<RemovedConnections> {
  const asked = [...new Set(otherIds)];
  // Ascending order: two bulk removals touching the same members lock their rows in the same order.
  const ordered = [...asked].sort((a, b) => a - b);
  const removed = await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const done = new Set<number>();
    for (const otherId of ordered) {
      if (otherId !== memberId && (await removeConnectionIn(trx, memberId, otherId, now))) done.add(otherId);
    }
    return done;
  });
  return { removed: asked.filter((id) => removed.has(id)), notConnected: asked.filter((id) => !removed.has(id)) };
}
