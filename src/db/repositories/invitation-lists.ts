import { sql } from 'kysely';
import { READS_PENDING_TO_SENDER } from '../../domain/invitation-state.js';
import type { Executor } from '../database.js';
import type { KeysetCursor } from '../keyset.js';
import type { InvitationRow, InvitationStatus } from '../schema.js';
import { statusListSql } from './invitations.js';
import { containsPattern } from './like-pattern.js';

/* The invitation lists members read (received, sent), and the marks reading them leaves. */

function beforeCursor(cursor: KeysetCursor) {
  return sql<boolean>`(invitations.created_at, invitations.id) < (${cursor.at}, ${cursor.id})`;
}

/** Up to `limit` invitations the member received in `status`, newest first, from senders whose name contains `q`. */
export async function listReceivedInvitations(
  db: Executor,
  memberId: number,
  status: InvitationStatus,
  limit: number,
  cursor: KeysetCursor | null,
  q?: string,
): Promise<InvitationRow[]> {
  let select = db
    .selectFrom('invitations')
    .selectAll('invitations')
    .where('invitations.recipient_id', '=', memberId)
    .where('invitations.status', '=', status)
    .orderBy('invitations.created_at', 'desc')
    .orderBy('invitations.id', 'desc')
    .limit(limit);
  if (q) {
    select = select.innerJoin('members as s', 's.id', 'invitations.sender_id').where(sql<boolean>`s.name ilike ${containsPattern(q)}`);
  }
  if (cursor) select = select.where(beforeCursor(cursor));
  return select.execute();
}

/**
 * Up to `limit` invitations the member sent and did not hide, newest first, in `status` (one, several
 * or any), and when `q` is given only those whose recipient's name or address contains it (any case).
 * The name counts only where the sender is shown it: an invitation by address alone that still reads
 * pending to them matches by the address they typed, never by the name of whoever owns it.
 */
export async function listSentInvitations(
  db: Executor,
  memberId: number,
  status: InvitationStatus | readonly InvitationStatus[] | undefined,
  limit: number,
  cursor: KeysetCursor | null,
  q?: string,
): Promise<InvitationRow[]> {
  let select = db
    .selectFrom('invitations')
    .selectAll('invitations')
    .where('invitations.sender_id', '=', memberId)
    .where('invitations.sender_hidden', '=', false)
    .orderBy('invitations.created_at', 'desc')
    .orderBy('invitations.id', 'desc')
    .limit(limit);
  if (typeof status === 'string') select = select.where('invitations.status', '=', status);
  else if (status) select = select.where('invitations.status', 'in', status);
  if (q) {
    const pattern = containsPattern(q);
    const addressOnly = sql<boolean>`(invitations.source = 'email' and invitations.status in ${statusListSql(READS_PENDING_TO_SENDER)})`;
    select = select
      .leftJoin('members as r', 'r.id', 'invitations.recipient_id')
      .where(sql<boolean>`(invitations.recipient_email ilike ${pattern} or (r.name ilike ${pattern} and not ${addressOnly}))`);
  }
  if (cursor) select = select.where(beforeCursor(cursor));
  return select.execute();
}

/** The status of each of these invitations that `recipientId` received (others' are left out). */
export async function findReceivedStatuses(db: Executor, recipientId: number, ids: readonly number[]): Promise<Map<number, InvitationStatus>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('invitations').select(['id', 'status']).where('recipient_id', '=', recipientId).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [Number(row.id), row.status]));
}

/** Sets `viewed_at` unless it is set already; answers the row when this set it. */
export async function markInvitationViewed(db: Executor, invitationId: number, now: Date): Promise<InvitationRow | undefined> {
  return db.updateTable('invitations').set({ viewed_at: now }).where('id', '=', invitationId).where('viewed_at', 'is', null).returningAll().executeTakeFirst();
}

/** Which of the members and addresses have an open invitation from `senderId` (as the sender sees it: ignored and reported ones too). */
export async function findOpenInvitationTargets(db: Executor, senderId: number, memberIds: readonly number[], emails: readonly string[]) {
  const members = new Set<number>();
  const addresses = new Set<string>();
  if (memberIds.length === 0 && emails.length === 0) return { members, emails: addresses };
  const result = await sql<{ recipient_id: number | null; recipient_email_normalized: string | null }>`
    select recipient_id, recipient_email_normalized from invitations
    where sender_id = ${senderId} and status in ${statusListSql(READS_PENDING_TO_SENDER)}
      and (recipient_id = any(${sql.val([...memberIds, 0])}::bigint[]) or recipient_email_normalized = any(${sql.val([...emails, ''])}::text[]))`.execute(db);
  for (const row of result.rows) {
    if (row.recipient_id !== null) members.add(Number(row.recipient_id));
    if (row.recipient_email_normalized !== null) addresses.add(row.recipient_email_normalized);
  }
  return { members, emails: addresses };
}
