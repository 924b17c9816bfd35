import type { AppContext } from '../context.js';
import { findLiveTokens, type TokenOwner } from '../db/repositories/tokens.js';

/** Who holds each of these (hashed) tokens, for those still live now: a request's actor. */
export async function findTokenOwners(ctx: AppContext, tokenHashes: readonly string[]): Promise<Map<string, TokenOwner>> {
  return findLiveTokens(ctx.db, tokenHashes, ctx.clock.now());
}
