import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { disconnect } from '../db/repositories/connections.js';
import { deleteBlock, insertBlock } from '../db/repositories/blocks.js';
import { findOpenInvitationBetween, lockPair } from '../db/repositories/invitations.js';
import { findMemberById } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { inTransaction } from '../db/transaction.js';
import type { Trx } from '../db/database.js';
import { transitionInvitation } from './invitation-transition.js';

/**
 * The one rule of removing a connection, inside the caller's transaction: the pair is disconnected
 * and `connection.removed` goes to the outbox (the graph index, webhooks), telling the other member
 * nothing. Answers false, changing nothing, when the two were not connected.
 */
export async function removeConnectionIn(trx: Trx, memberId: number, otherId: number, now: Date): Promise<boolean> {
  if (!(await disconnect(trx, memberId, otherId))) return false;
  await appendEvent(trx, 'connection.removed', { a: memberId, b: otherId }, now);
  return true;
}

/** Removes a connection; the other member is not told. */
export async function removeConnection(ctx: AppContext, memberId: number, otherId: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    if (!(await removeConnectionIn(trx, memberId, otherId, ctx.clock.now()))) throw new DomainError('not_found', 'You are not connected with this member.');
  });
}

/**
 * Blocks a member: both become invisible to each other, any connection ends silently and any open
 * invitation between them is withdrawn through the one transition (its event tells the recipient's
 * lists and notifications; the sender is not told).
 */
export async function blockMember(ctx: AppContext, memberId: number, blockedId: number): Promise<void> {
  if (memberId === blockedId) throw new DomainError('validation_failed', 'memberId: you cannot block yourself.');
  if (!(await findMemberById(ctx.db, blockedId))) throw new DomainError('not_found', 'No such member.');
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    // The pair lock orders the block after (or before) any send or accept between the two.
    await lockPair(trx, memberId, blockedId);
    await insertBlock(trx, memberId, blockedId, now);
    if (await disconnect(trx, memberId, blockedId)) await appendEvent(trx, 'connection.removed', { a: memberId, b: blockedId }, now);
    const open = await findOpenInvitationBetween(trx, memberId, blockedId);
    if (open) await transitionInvitation(trx, ctx, open.id, { action: 'withdraw', by: { role: 'service', cause: 'block' }, now });
  });
}

export async function unblockMember(ctx: AppContext, memberId: number, blockedId: number): Promise<void> {
  if (!(await deleteBlock(ctx.db, memberId, blockedId))) throw new DomainError('not_found', 'You have not blocked this member.');
}
