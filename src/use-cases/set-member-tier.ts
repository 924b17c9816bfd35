import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import type { MemberTier } from '../domain/member.js';
import { lockMember } from '../db/repositories/members.js';
import { updateMemberTier } from '../db/repositories/member-tier.js';
import { appendEvent } from '../db/repositories/outbox.js';
import type { MemberRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';

export interface TierChange {
  member: MemberRow;
  previousTier: MemberTier;
  changed: boolean;
  at: Date;
}

/**
 * An operator grants or removes premium (there is no payment provider: operators decide). The
 * tier sets the monthly invitation limit and the InMail credits, which every send reads from the
 * member's row, so the change applies from the next send. A real change is an event
 * (`member.tier_changed`, with who made it: `by` is null from the command line), which tells the
 * member; setting the tier a member already has changes nothing and tells no one.
 */
export async function setMemberTier(ctx: AppContext, by: number | null, memberId: number, tier: MemberTier): Promise<TierChange> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const member = await lockMember(trx, memberId);
    if (!member) throw new DomainError('not_found', 'No such member.');
    if (member.tier === tier) return { member, previousTier: member.tier, changed: false, at: now };
    const updated = await updateMemberTier(trx, memberId, tier);
    await appendEvent(trx, 'member.tier_changed', { memberId, tier, previousTier: member.tier, by }, now);
    return { member: updated, previousTier: member.tier, changed: true, at: now };
  });
}
