import { sql, type Selectable } from 'kysely';
import type { Executor, Trx } from '../database.js';
import type { KeysetCursor } from '../keyset.js';
import type { AllotmentRequestsTable } from '../schema.js';

/* Extra invitations: what members ask for (`allotment_requests`) and what administrators grant (`allotment_grants`). */

export async function insertAllotmentRequest(db: Executor, memberId: number, reason: string, now: Date): Promise<Selectable<AllotmentRequestsTable>> {
  return db.insertInto('allotment_requests').values({ member_id: memberId, reason, created_at: now, decided_at: null, decided_by: null }).returningAll().executeTakeFirstOrThrow();
}

/** Invitations granted to the member since `since`. */
export async function countGrantedSince(db: Executor, memberId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('allotment_grants')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('total'))
    .where('member_id', '=', memberId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertAllotmentGrant(trx: Trx, memberId: number, count: number, adminId: number, now: Date): Promise<void> {
  await trx.insertInto('allotment_grants').values({ member_id: memberId, count, granted_by: adminId, created_at: now }).execute();
}

/** Marks the member's oldest pending request, if any, as granted with `count` invitations; answers which it was. */
export async function grantOldestPendingRequest(trx: Trx, memberId: number, adminId: number, count: number, now: Date): Promise<{ id: number; reason: string } | null> {
  const oldest = await trx
    .selectFrom('allotment_requests')
    .select(['id', 'reason'])
    .where('member_id', '=', memberId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (!oldest) return null;
  await trx.updateTable('allotment_requests').set({ status: 'granted', decided_at: now, decided_by: adminId, granted_count: count }).where('id', '=', oldest.id).execute();
  return oldest;
}

/** Denies a request that is still pending; answers whose request it was and why they asked, or null when it is not pending (any more). */
export async function denyPendingAllotmentRequest(db: Executor, requestId: number, adminId: number, now: Date): Promise<{ memberId: number; reason: string } | null> {
  const updated = await db
    .updateTable('allotment_requests')
    .set({ status: 'denied', decided_at: now, decided_by: adminId })
    .where('id', '=', requestId)
    .where('status', '=', 'pending')
    .returning(['member_id', 'reason'])
    .executeTakeFirst();
  return updated ? { memberId: updated.member_id, reason: updated.reason } : null;
}

/** Up to `limit` of the member's own requests, newest first, before the keyset position `before`. */
export async function listMemberAllotmentRequests(db: Executor, memberId: number, limit: number, before: KeysetCursor | null): Promise<Selectable<AllotmentRequestsTable>[]> {
  let query = db.selectFrom('allotment_requests').selectAll().where('member_id', '=', memberId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (before) query = query.where(sql<boolean>`(created_at, id) < (${before.at}::timestamptz, ${before.id})`);
  return query.execute();
}
