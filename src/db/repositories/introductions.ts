import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Executor, Trx } from '../database.js';
import type { IntroductionsTable } from '../schema.js';

export type IntroductionRow = Selectable<IntroductionsTable>;
export type IntroductionStatus = IntroductionRow['status'];

/** Introductions still under way (asked for, or forwarded) between two members, whichever of them asked. */
export async function countOpenIntroductionsBetween(db: Executor, a: number, b: number): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from introductions where status in ('requested', 'forwarded')
        and least(requester_id, target_id) = ${Math.min(a, b)} and greatest(requester_id, target_id) = ${Math.max(a, b)}`.execute(db);
  return result.rows[0]!.n;
}

export async function insertIntroduction(
  trx: Trx,
  introduction: { requesterId: number; introducerId: number; targetId: number; messageToIntroducer: string; messageToTarget: string },
  now: Date,
): Promise<IntroductionRow> {
  return trx
    .insertInto('introductions')
    .values({
      requester_id: introduction.requesterId,
      introducer_id: introduction.introducerId,
      target_id: introduction.targetId,
      message_to_introducer: introduction.messageToIntroducer,
      message_to_target: introduction.messageToTarget,
      introducer_note: null,
      created_at: now,
      decided_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findIntroduction(db: Executor, id: number): Promise<IntroductionRow | undefined> {
  return db.selectFrom('introductions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks an introduction for the rest of the transaction: one answer at a time. */
export async function lockIntroduction(trx: Trx, id: number): Promise<IntroductionRow | undefined> {
  return trx.selectFrom('introductions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Moves an introduction to `status`, decided at `now`; sets the introducer's note unless it is `undefined`. */
export async function setIntroductionStatus(trx: Trx, id: number, status: IntroductionStatus, now: Date, introducerNote?: string | null): Promise<IntroductionRow> {
  return trx
    .updateTable('introductions')
    .set({ status, decided_at: now, ...(introducerNote !== undefined ? { introducer_note: introducerNote } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest 100 introductions a member asked for, was asked to make, or (once forwarded) was introduced to. */
export async function listIntroductionsOf(db: Executor, memberId: number, role: 'requester' | 'introducer' | 'target'): Promise<IntroductionRow[]> {
  let query = db.selectFrom('introductions').selectAll().orderBy('id', 'desc').limit(100);
  if (role === 'requester') query = query.where('requester_id', '=', memberId);
  else if (role === 'introducer') query = query.where('introducer_id', '=', memberId);
  else query = query.where('target_id', '=', memberId).where('status', 'in', ['forwarded', 'connected']);
  return query.execute();
}
