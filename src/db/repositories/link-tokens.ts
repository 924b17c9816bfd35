import type { Executor, Trx } from '../database.js';

/** Spends a signed link's token (by its `tokenId`) in the caller's transaction: true the first time, false ever after. */
export async function spendLinkToken(trx: Trx, tokenId: string, now: Date): Promise<boolean> {
  const spent = await trx
    .insertInto('used_link_tokens')
    .values({ token_id: tokenId, used_at: now })
    .onConflict((oc) => oc.column('token_id').doNothing())
    .returning('token_id')
    .executeTakeFirst();
  return spent !== undefined;
}

export async function isLinkTokenSpent(db: Executor, tokenId: string): Promise<boolean> {
  return (await db.selectFrom('used_link_tokens').select('token_id').where('token_id', '=', tokenId).executeTakeFirst()) !== undefined;
}
