import type { Selectable } from 'kysely';
import type { Executor } from '../database.js';
import type { InviteLinksTable } from '../schema.js';

export type InviteLinkRow = Selectable<InviteLinksTable>;

/** Gives the member a link with `token` unless they have one already. */
export async function insertInviteLinkIfMissing(db: Executor, memberId: number, token: string, now: Date): Promise<void> {
  await db
    .insertInto('invite_links')
    .values({ member_id: memberId, token, created_at: now, rotated_at: null })
    .onConflict((oc) => oc.column('member_id').doNothing())
    .execute();
}

export async function findInviteLinkOf(db: Executor, memberId: number): Promise<InviteLinkRow> {
  return db.selectFrom('invite_links').selectAll().where('member_id', '=', memberId).executeTakeFirstOrThrow();
}

export async function findInviteLinkByToken(db: Executor, token: string): Promise<InviteLinkRow | undefined> {
  return db.selectFrom('invite_links').selectAll().where('token', '=', token).executeTakeFirst();
}

/** Replaces the member's token, rotated at `now`. */
export async function replaceInviteLinkToken(db: Executor, memberId: number, token: string, now: Date): Promise<InviteLinkRow> {
  return db.updateTable('invite_links').set({ token, rotated_at: now }).where('member_id', '=', memberId).returningAll().executeTakeFirstOrThrow();
}

export async function updateInviteLinkSwitches(db: Executor, memberId: number, values: { enabled?: boolean; auto_accept?: boolean }): Promise<InviteLinkRow> {
  return db.updateTable('invite_links').set(values).where('member_id', '=', memberId).returningAll().executeTakeFirstOrThrow();
}
