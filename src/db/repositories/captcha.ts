import type { Trx } from '../database.js';

/** Marks a solved challenge as used inside the send's transaction; false when it was used before. */
export async function spendCaptcha(trx: Trx, signature: string, now: Date): Promise<boolean> {
  const inserted = await trx
    .insertInto('captcha_spent')
    .values({ signature, spent_at: now })
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature')
    .executeTakeFirst();
  return inserted !== undefined;
}
