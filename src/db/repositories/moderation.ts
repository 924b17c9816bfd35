import type { Executor } from '../database.js';
import type { MemberRow } from '../schema.js';

export type AllotmentRequestStatus = 'pending' | 'granted' | 'denied';

/** Allotment requests in one status, oldest first (200 at most), with the summary of who asked. */
export async function listAllotmentRequests(db: Executor, status: AllotmentRequestStatus) {
  return db
    .selectFrom('allotment_requests')
    .innerJoin('members', 'members.id', 'allotment_requests.member_id')
    .select(['allotment_requests.id', 'allotment_requests.member_id', 'allotment_requests.reason', 'allotment_requests.status', 'allotment_requests.created_at', 'allotment_requests.decided_at', 'allotment_requests.granted_count'])
    .select(['members.kind', 'members.name', 'members.headline', 'members.location', 'members.photo_key'])
    .where('allotment_requests.status', '=', status)
    .orderBy('allotment_requests.created_at')
    .limit(200)
    .execute();
}

/** Members restricted at `now`, most recently restricted first (200 at most). */
export async function listRestrictedMembers(db: Executor, now: Date): Promise<MemberRow[]> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('restricted_at', 'is not', null)
    .where((eb) => eb.or([eb('restriction_ends_at', 'is', null), eb('restriction_ends_at', '>', now)]))
    .orderBy('restricted_at', 'desc')
    .limit(200)
    .execute();
}
