import type { Executor } from '../database.js';
import type { MemberSummaryRow } from './members.js';

/** The members `blockerId` blocked, most recently blocked first. */
export async function listBlockedMembers(db: Executor, blockerId: number): Promise<MemberSummaryRow[]> {
  return db
    .selectFrom('blocks')
    .innerJoin('members', 'members.id', 'blocks.blocked_id')
    .select(['members.id', 'members.kind', 'members.name', 'members.headline', 'members.location', 'members.photo_key'])
    .where('blocks.blocker_id', '=', blockerId)
    .orderBy('blocks.created_at', 'desc')
    .execute();
}
