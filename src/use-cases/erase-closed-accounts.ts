import type { AppContext } from '../context.js';
import { deleteLapsedStandings, eraseMemberRows, findAccountsDueForErasure, lockDueAccount } from '../db/repositories/account-closure.js';
import { inTransaction } from '../db/transaction.js';

const BATCH = 100;

/**
 * Erases closed accounts whose grace period is over: each in its own transaction, re-checked under
 * its row lock (a sign-in may have reopened it a moment ago), every row naming the member deleted
 * (`eraseMemberRows`), not flagged. Remembered standings past their time go too. Answers how many
 * accounts were erased.
 */
export async function eraseDueAccounts(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  let erased = 0;
  for (;;) {
    const due = await findAccountsDueForErasure(ctx.db, now, BATCH);
    for (const memberId of due) {
      const done = await inTransaction(ctx.db, async (trx) => {
        if (!(await lockDueAccount(trx, memberId, now))) return false;
        await eraseMemberRows(trx, memberId);
        return true;
      });
      if (done) erased += 1;
    }
    if (due.length < BATCH) break;
  }
  await deleteLapsedStandings(ctx.db, now);
  return erased;
}
