import { READS_PENDING_TO_SENDER } from '../../domain/invitation-state.js';
import type { Executor, Trx } from '../database.js';
import type { InvitationRow, InvitationsTable, ReportsTable } from '../schema.js';
import type { Insertable } from 'kysely';

export async function insertInvitation(trx: Trx, values: Insertable<InvitationsTable>): Promise<InvitationRow> {
  return trx.insertInto('invitations').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The sender's own invitation addressed with this email that still reads "pending" to them (to a member or not): what they typed before. */
export async function findInvitationByEmail(db: Executor, senderId: number, normalizedEmail: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('sender_id', '=', senderId)
    .where('recipient_email_normalized', '=', normalizedEmail)
    .where('status', 'in', [...READS_PENDING_TO_SENDER])
    .executeTakeFirst();
}

/** The recipient's report of an invitation ("I don't know this person" or spam), counted against its sender. */
export async function insertReport(trx: Trx, report: Insertable<ReportsTable>): Promise<void> {
  await trx.insertInto('reports').values(report).execute();
}

/** The sender's invitation sent with this Idempotency-Key, if that send committed. */
export async function findInvitationByIdempotencyKey(db: Executor, senderId: number, key: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('sender_id', '=', senderId).where('idempotency_key', '=', key).executeTakeFirst();
}
