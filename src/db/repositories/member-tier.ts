import type { Executor, Trx } from '../database.js';
import type { MemberRow, MemberTier } from '../schema.js';
import { containsPattern } from './like-pattern.js';

/* The tier operators grant a member (`members.tier`), and how they find the member to grant it to. */

/** Sets the member's tier; the caller holds the member's row lock. */
export async function updateMemberTier(trx: Trx, memberId: number, tier: MemberTier): Promise<MemberRow> {
  return trx.updateTable('members').set({ tier }).where('id', '=', memberId).returningAll().executeTakeFirstOrThrow();
}

/**
 * Up to `limit` members whose name or address contains `q` (case-insensitive), names first in
 * alphabetical order: an operator looking for the member to manage.
 */
export async function findMembersByNameOrEmail(db: Executor, q: string, limit: number): Promise<MemberRow[]> {
  const pattern = containsPattern(q);
  return db
    .selectFrom('members')
    .selectAll()
    .where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]))
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}
