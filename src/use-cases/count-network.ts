import type { AppContext } from '../context.js';
import { countNetwork, type NetworkCountRows } from '../db/repositories/network-counts.js';

/** The numbers My Network shows: pending invitations received and sent, and connections. */
export async function countMyNetwork(ctx: AppContext, memberId: number): Promise<NetworkCountRows> {
  return countNetwork(ctx.db, memberId);
}
