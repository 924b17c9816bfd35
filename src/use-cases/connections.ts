import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { disconnect } from '../db/repositories/connections.js';
import { deleteBlock, insertBlock } from '../db/repositories/blocks.js';
import { findOpenInvitationBetween, lockPair } from '../db/repositories/invitations.js';
import { findMemberById } from '../db/repositories/members.js';
import { appendEvent } from '../db/repositories/outbox.js';
import { inTransaction } from '../db/transaction.js';
import { transitionInvitation } from './invitation-transition.js';

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
