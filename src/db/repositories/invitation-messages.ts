import type { Selectable } from 'kysely';
import type { Executor, Trx } from '../database.js';
import type { InvitationMessagesTable } from '../schema.js';

/* The thread of messages on one invitation, between its sender and its recipient. */

export type InvitationMessageRow = Selectable<InvitationMessagesTable>;

export async function insertInvitationMessage(trx: Trx, invitationId: number, authorId: number, body: string, now: Date): Promise<InvitationMessageRow> {
  return trx.insertInto('invitation_messages').values({ invitation_id: invitationId, author_id: authorId, body, created_at: now }).returningAll().executeTakeFirstOrThrow();
}

/** Whether anyone but `authorId` wrote on the invitation's thread. */
export async function hasMessageFromOtherThan(db: Executor, invitationId: number, authorId: number): Promise<boolean> {
  const row = await db.selectFrom('invitation_messages').select('id').where('invitation_id', '=', invitationId).where('author_id', '!=', authorId).executeTakeFirst();
  return row !== undefined;
}

/** The invitation's thread, oldest first. */
export async function listInvitationMessages(db: Executor, invitationId: number): Promise<InvitationMessageRow[]> {
  return db.selectFrom('invitation_messages').selectAll().where('invitation_id', '=', invitationId).orderBy('id').execute();
}
