import type { Executor, Trx } from '../database.js';
import type { InvitationRow, InvitationsTable } from '../schema.js';
import type { Insertable } from 'kysely';

export async function insertInvitation(trx: Trx, values: Insertable<InvitationsTable>): Promise<InvitationRow> {
  return trx.insertInto('invitations').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The sender's own open invitation addressed with this email (to a member or not): what they typed before. */
export async function findInvitationByEmail(db: Executor, senderId: number, normalizedEmail: string): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('sender_id', '=', senderId)
    .where('recipient_email_normalized', '=', normalizedEmail)
    .where('status', 'in', ['pending', 'ignored', 'reported'])
    .executeTakeFirst();
}
