import { sql, type Selectable } from 'kysely';
import type { Executor } from '../database.js';
import type { IntroductionsTable, InvitationRow } from '../schema.js';

/*
 * The rows the effects of a batch of outbox events name, each kind read in one statement for the
 * whole batch. Ids go in as one array (`= any($1::bigint[])`), so each statement's text is the same
 * whatever the batch's size, and is prepared once per connection.
 */

/** `= any($1::bigint[])`: one statement text for any number of ids. */
function anyId(ids: readonly number[]) {
  return sql<number>`any(${sql.val(unique(ids))}::bigint[])`;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export async function findInvitationsByIds(db: Executor, ids: readonly number[]): Promise<InvitationRow[]> {
  return ids.length === 0 ? [] : db.selectFrom('invitations').selectAll().where('id', '=', anyId(ids)).execute();
}

/** An introduction as its notifications and mail tell it. */
export type EffectIntroduction = Pick<
  Selectable<IntroductionsTable>,
  'id' | 'requester_id' | 'introducer_id' | 'target_id' | 'message_to_introducer' | 'message_to_target' | 'introducer_note'
>;

export async function findIntroductionsByIds(db: Executor, ids: readonly number[]): Promise<EffectIntroduction[]> {
  return ids.length === 0
    ? []
    : db
        .selectFrom('introductions')
        .select(['id', 'requester_id', 'introducer_id', 'target_id', 'message_to_introducer', 'message_to_target', 'introducer_note'])
        .where('id', '=', anyId(ids))
        .execute();
}

export async function findInvitationMessageBodies(db: Executor, ids: readonly number[]): Promise<{ id: number; body: string }[]> {
  return ids.length === 0 ? [] : db.selectFrom('invitation_messages').select(['id', 'body']).where('id', '=', anyId(ids)).execute();
}

/** Members with what their mail needs: name, headline, address, and mail settings (null columns: none stored). */
export async function findMembersWithMailSettings(db: Executor, ids: readonly number[]) {
  return ids.length === 0
    ? []
    : db
        .selectFrom('members as m')
        .leftJoin('member_settings as s', 's.member_id', 'm.id')
        .select(['m.id', 'm.name', 'm.headline', 'm.email', 's.member_id as settings_of', 's.email_notifications', 's.email_categories', 's.digest'])
        .where('m.id', '=', anyId(ids))
        .execute();
}

/** Which of these normalised addresses a member has proven (an unverified account's address counts as nobody's). */
export async function findProvenEmailsAmong(db: Executor, emailsNormalized: readonly string[]): Promise<Set<string>> {
  if (emailsNormalized.length === 0) return new Set();
  const owned = await db
    .selectFrom('members')
    .select('email_normalized')
    .where('email_normalized', '=', sql<string>`any(${sql.val(emailsNormalized)}::text[])`)
    .where('email_verified_at', 'is not', null)
    .execute();
  return new Set(owned.map((row) => row.email_normalized));
}
