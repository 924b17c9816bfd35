import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { disconnect } from '../db/repositories/connections.js';
import { findMemberById } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { inTransaction } from '../db/transaction.js';

/** Removes a connection; the other member is not told. */
export async function removeConnection(ctx: AppContext, memberId: number, otherId: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    if (!(await disconnect(trx, memberId, otherId))) throw new DomainError('not_found', 'You are not connected with this member.');
    await appendEvent(trx, 'connection.removed', { a: memberId, b: otherId }, now);
  });
}

/**
 * Blocks a member: both become invisible to each other, any connection ends silently and any open
 * invitation between them is withdrawn.
 */
export async function blockMember(ctx: AppContext, memberId: number, blockedId: number): Promise<void> {
  if (memberId === blockedId) throw new DomainError('validation_failed', 'memberId: you cannot block yourself.');
  if (!(await findMemberById(ctx.db, blockedId))) throw new DomainError('not_found', 'No such member.');
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    await trx
      .insertInto('blocks')
      .values({ blocker_id: memberId, blocked_id: blockedId, created_at: now })
      .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
    if (await disconnect(trx, memberId, blockedId)) await appendEvent(trx, 'connection.removed', { a: memberId, b: blockedId }, now);
    await trx
      .updateTable('invitations')
      .set({ status: 'withdrawn', responded_at: now })
      .where('status', 'in', ['pending', 'ignored'])
      .where((eb) =>
        eb.or([
          eb.and([eb('sender_id', '=', memberId), eb('recipient_id', '=', blockedId)]),
          eb.and([eb('sender_id', '=', blockedId), eb('recipient_id', '=', memberId)]),
        ]),
      )
      .execute();
  });
}

export async function unblockMember(ctx: AppContext, memberId: number, blockedId: number): Promise<void> {
  const deleted = await ctx.db.deleteFrom('blocks').where('blocker_id', '=', memberId).where('blocked_id', '=', blockedId).executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw new DomainError('not_found', 'You have not blocked this member.');
}
