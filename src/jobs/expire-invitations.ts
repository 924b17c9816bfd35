import type { AppContext } from '../context.js';
import { addDays } from '../domain/clock.js';
import { findAutoWithdrawable, findExpiringInvitations } from '../db/repositories/invitations.js';
import { inTransaction } from '../db/transaction.js';
import { transitionInvitations } from '../use-cases/invitation-transition.js';

const BATCH = 500;

/**
 * Expires invitations left unanswered for `expiryDays`, a batch at a time, each batch in its own
 * transaction through the one transition (invitations another process holds are left to it).
 */
export async function expireDueInvitations(ctx: AppContext): Promise<number> {
  if (ctx.policy.expiryDays === null) return 0;
  let total = 0;
  for (;;) {
    const now = ctx.clock.now();
    const due = await findExpiringInvitations(ctx.db, addDays(now, -ctx.policy.expiryDays), BATCH);
    if (due.length === 0) return total;
    const expired = await inTransaction(ctx.db, (trx) => transitionInvitations(trx, ctx, due, { action: 'expire', by: { role: 'service', cause: 'expiry' }, now }));
    total += expired.length;
    if (due.length < BATCH || expired.length === 0) return total;
  }
}

/**
 * Withdraws invitations older than their sender's `autoWithdrawAfterDays` setting, on the sender's
 * behalf: the same transition and the same rules as the sender's own withdraw.
 */
export async function autoWithdrawDueInvitations(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await findAutoWithdrawable(ctx.db, now, 1000, !ctx.policy.withdrawAfterViewed);
  if (due.length === 0) return 0;
  const withdrawn = await inTransaction(ctx.db, (trx) => transitionInvitations(trx, ctx, due, { action: 'withdraw', by: { role: 'sender_setting', cause: 'auto_withdraw' }, now }));
  return withdrawn.length;
}
