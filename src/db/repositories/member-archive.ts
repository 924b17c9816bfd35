import { sql } from 'kysely';
import type { Executor } from '../database.js';

/*
 * The reads of "Download your data": every row that names the member, each with the columns the
 * member may see. Secrets (password hash, token hashes, CSRF tokens, the invite link's token) and
 * other members' private data (their addresses, their hidden choices) are never selected here.
 * Other members appear by id and name only, as the API shows them.
 */

export async function archiveConnections(db: Executor, memberId: number) {
  return db
    .selectFrom('connections as c')
    .innerJoin('members as m', 'm.id', 'c.other_id')
    .select(['m.id as memberId', 'm.name', 'm.headline', 'm.location', 'c.created_at as connectedAt'])
    .where('c.member_id', '=', memberId)
    .orderBy('c.created_at')
    .orderBy('m.id')
    .execute();
}

/** Every invitation the member sent or received, with both parties' names. */
export async function archiveInvitations(db: Executor, memberId: number) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('members as s', 's.id', 'i.sender_id')
    .leftJoin('members as r', 'r.id', 'i.recipient_id')
    .selectAll('i')
    .select(['s.name as sender_name', 'r.name as recipient_name'])
    .where((eb) => eb.or([eb('i.sender_id', '=', memberId), eb('i.recipient_id', '=', memberId)]))
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
}

/** The notes and replies written on those invitations (by either party). */
export async function archiveInvitationMessages(db: Executor, memberId: number) {
  return db
    .selectFrom('invitation_messages as im')
    .innerJoin('invitations as i', 'i.id', 'im.invitation_id')
    .innerJoin('members as a', 'a.id', 'im.author_id')
    .select(['im.id', 'im.invitation_id', 'im.author_id', 'a.name as author_name', 'im.body', 'im.created_at'])
    .where((eb) => eb.or([eb('i.sender_id', '=', memberId), eb('i.recipient_id', '=', memberId)]))
    .orderBy('im.created_at')
    .orderBy('im.id')
    .execute();
}

export async function archiveMessages(db: Executor, memberId: number) {
  return db
    .selectFrom('messages as x')
    .innerJoin('members as s', 's.id', 'x.sender_id')
    .innerJoin('members as r', 'r.id', 'x.recipient_id')
    .select(['x.id', 'x.kind', 'x.sender_id', 's.name as sender_name', 'x.recipient_id', 'r.name as recipient_name', 'x.body', 'x.created_at', 'x.read_at'])
    .where((eb) => eb.or([eb('x.sender_id', '=', memberId), eb('x.recipient_id', '=', memberId)]))
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute();
}

export async function archiveIntroductions(db: Executor, memberId: number) {
  return db
    .selectFrom('introductions as x')
    .innerJoin('members as rq', 'rq.id', 'x.requester_id')
    .innerJoin('members as ir', 'ir.id', 'x.introducer_id')
    .innerJoin('members as tg', 'tg.id', 'x.target_id')
    .selectAll('x')
    .select(['rq.name as requester_name', 'ir.name as introducer_name', 'tg.name as target_name'])
    .where((eb) => eb.or([eb('x.requester_id', '=', memberId), eb('x.introducer_id', '=', memberId), eb('x.target_id', '=', memberId)]))
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute();
}

export async function archiveContacts(db: Executor, memberId: number) {
  return db.selectFrom('contacts').select(['id', 'name', 'email', 'created_at']).where('owner_id', '=', memberId).orderBy('created_at').orderBy('id').execute();
}

/** Whom the member follows, and who follows them (as `GET /me/followers` lists them). */
export async function archiveFollows(db: Executor, memberId: number) {
  const following = await db
    .selectFrom('follows as f')
    .innerJoin('members as m', 'm.id', 'f.followee_id')
    .select(['m.id as memberId', 'm.name', 'f.created_at as since'])
    .where('f.follower_id', '=', memberId)
    .where('f.following', '=', true)
    .orderBy('f.created_at')
    .execute();
  const followers = await db
    .selectFrom('follows as f')
    .innerJoin('members as m', 'm.id', 'f.follower_id')
    .select(['m.id as memberId', 'm.name', 'f.created_at as since'])
    .where('f.followee_id', '=', memberId)
    .where('f.following', '=', true)
    .orderBy('f.created_at')
    .execute();
  const preference = await db.selectFrom('follow_preferences').select('follow_primary').where('member_id', '=', memberId).executeTakeFirst();
  return { following, followers, followIsPrimaryAction: preference?.follow_primary ?? null };
}

/** Members this member blocked. That someone blocked this member is that member's own choice, not exported. */
export async function archiveBlocks(db: Executor, memberId: number) {
  return db
    .selectFrom('blocks as b')
    .innerJoin('members as m', 'm.id', 'b.blocked_id')
    .select(['m.id as memberId', 'm.name', 'b.created_at as blockedAt'])
    .where('b.blocker_id', '=', memberId)
    .orderBy('b.created_at')
    .execute();
}

/** People the member took out of "People you may know" (`suggestion_dismissals`, kept by the graph layer, so read in SQL). */
export async function archiveSuggestionDismissals(db: Executor, memberId: number) {
  const { rows } = await sql<{ memberId: number; name: string }>`
    select m.id as "memberId", m.name from suggestion_dismissals d join members m on m.id = d.dismissed_id
     where d.member_id = ${memberId} order by m.id`.execute(db);
  return rows;
}

export async function archiveNotifications(db: Executor, memberId: number) {
  return db.selectFrom('notifications').select(['id', 'kind', 'payload', 'created_at', 'read_at']).where('member_id', '=', memberId).orderBy('created_at').orderBy('id').execute();
}

/** Mail sent to the member: what and when, never the body (it carries signed one-click links). */
export async function archiveMail(db: Executor, memberId: number) {
  return db
    .selectFrom('mail_messages')
    .select(['id', 'template', 'category', 'subject', 'status', 'created_at', 'sent_at'])
    .where('to_member_id', '=', memberId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function archiveStandingEvents(db: Executor, memberId: number) {
  return db
    .selectFrom('standing_events')
    .select(['id', 'kind', 'reason', 'created_at', sql<boolean>`actor_id is not null`.as('by_administrator')])
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function archiveAllotments(db: Executor, memberId: number) {
  const requests = await db
    .selectFrom('allotment_requests')
    .select(['id', 'reason', 'status', 'granted_count', 'created_at', 'decided_at'])
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const grants = await db.selectFrom('allotment_grants').select(['id', 'count', 'created_at']).where('member_id', '=', memberId).orderBy('created_at').orderBy('id').execute();
  return { requests, grants };
}

/** Reports the member filed: on members (`member_reports`) and on invitations they received (`reports`). */
export async function archiveReportsFiled(db: Executor, memberId: number) {
  const members = await db
    .selectFrom('member_reports as r')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .select(['r.id', 'm.id as memberId', 'm.name', 'r.reason', 'r.source', 'r.created_at'])
    .where('r.reporter_id', '=', memberId)
    .orderBy('r.created_at')
    .execute();
  const invitations = await db
    .selectFrom('reports as r')
    .innerJoin('members as m', 'm.id', 'r.sender_id')
    .select(['r.id', 'r.invitation_id', 'm.id as senderId', 'm.name as senderName', 'r.reason', 'r.created_at'])
    .where('r.reporter_id', '=', memberId)
    .orderBy('r.created_at')
    .execute();
  return { members, invitations };
}

/** Sign-in sessions and API tokens: when made, until when, whether revoked; never the token or its hash. */
export async function archiveSessions(db: Executor, memberId: number) {
  return db.selectFrom('auth_tokens').select(['kind', 'created_at', 'expires_at', 'revoked_at']).where('member_id', '=', memberId).orderBy('created_at').execute();
}

/** The member's invite link settings, without its token (a credential that connects whoever holds it). */
export async function archiveInviteLink(db: Executor, memberId: number) {
  return (await db.selectFrom('invite_links').select(['enabled', 'auto_accept', 'created_at', 'rotated_at']).where('member_id', '=', memberId).executeTakeFirst()) ?? null;
}

export async function archivePhoto(db: Executor, memberId: number) {
  return db.selectFrom('member_photos').select(['large', 'created_at']).where('member_id', '=', memberId).executeTakeFirst();
}

/** Earlier archives the member asked for (this one included): when, and what became of them. */
export async function archiveExportHistory(db: Executor, memberId: number) {
  return db.selectFrom('data_exports').select(['id', 'status', 'requested_at', 'ready_at', 'finished_at']).where('member_id', '=', memberId).orderBy('requested_at').execute();
}
