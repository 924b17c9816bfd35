import { sql } from 'kysely';
import type { Executor } from '../database.js';

/** The recipient's notifications about one invitation: the "invited you" one and any replies on its thread. */
const ABOUT_INVITATION = ['invitation_received', 'invitation_reply'] as const;

/** Marks a recipient's unread notifications about these invitations read; answers how many. */
export async function markInvitationNotificationsRead(db: Executor, recipientId: number, invitationIds: readonly number[], now: Date): Promise<number> {
  if (invitationIds.length === 0) return 0;
  const updated = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('member_id', '=', recipientId)
    .where('kind', 'in', [...ABOUT_INVITATION])
    .where('read_at', 'is', null)
    .where(sql<boolean>`payload->>'invitationId' = any(${sql.val(invitationIds.map(String))}::text[])`)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** Deletes a recipient's notifications about these invitations (read or not); answers how many. */
export async function deleteInvitationNotifications(db: Executor, recipientId: number, invitationIds: readonly number[]): Promise<number> {
  if (invitationIds.length === 0) return 0;
  const deleted = await db
    .deleteFrom('notifications')
    .where('member_id', '=', recipientId)
    .where('kind', 'in', [...ABOUT_INVITATION])
    .where(sql<boolean>`payload->>'invitationId' = any(${sql.val(invitationIds.map(String))}::text[])`)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** The two parties of those invitations the member is one of, for naming who a notification is from. */
export async function findInvitationParties(db: Executor, memberId: number, invitationIds: readonly number[]): Promise<Map<number, { senderId: number; recipientId: number | null }>> {
  if (invitationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('invitations')
    .select(['id', 'sender_id', 'recipient_id'])
    .where('id', '=', sql<number>`any(${sql.val([...invitationIds])}::bigint[])`)
    .where((eb) => eb.or([eb('sender_id', '=', memberId), eb('recipient_id', '=', memberId)]))
    .execute();
  return new Map(rows.map((row) => [Number(row.id), { senderId: Number(row.sender_id), recipientId: row.recipient_id === null ? null : Number(row.recipient_id) }]));
}

/** The parties of those introductions the member is one of, for naming who a notification is from. */
export async function findIntroductionParties(
  db: Executor,
  memberId: number,
  introductionIds: readonly number[],
): Promise<Map<number, { requesterId: number; introducerId: number; targetId: number }>> {
  if (introductionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('introductions')
    .select(['id', 'requester_id', 'introducer_id', 'target_id'])
    .where('id', '=', sql<number>`any(${sql.val([...introductionIds])}::bigint[])`)
    .where((eb) => eb.or([eb('requester_id', '=', memberId), eb('introducer_id', '=', memberId), eb('target_id', '=', memberId)]))
    .execute();
  return new Map(rows.map((row) => [Number(row.id), { requesterId: Number(row.requester_id), introducerId: Number(row.introducer_id), targetId: Number(row.target_id) }]));
}
