import type { AppContext } from '../context.js';
import { DAY_MS } from '../domain/clock.js';
import { DEFAULT_INVITATION_MESSAGE } from '../domain/note.js';
import type { Trx } from '../db/database.js';
import type { MemberRow } from '../db/schema.js';
import { countReportsSince } from '../db/repositories/standing.js';
import { SCREEN_MAX_AGE_MS, graphFor } from '../graph/registry.js';
import { countMutualConnections } from '../graph/sql-graph.js';
import { initialsOf } from '../http/presenters/members.js';
import { createLinkToken } from '../mail/link-tokens.js';
import type { Person } from '../mail/templates.js';
import { queueMail } from './mail-queue.js';

export interface OutboxEvent {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
}

function person(member: MemberRow): Person {
  return { name: member.name, initials: initialsOf(member.name), headline: member.headline };
}

async function member(trx: Trx, id: unknown): Promise<MemberRow | undefined> {
  if (typeof id !== 'number' && typeof id !== 'string') return undefined;
  return trx.selectFrom('members').selectAll().where('id', '=', Number(id)).executeTakeFirst();
}

async function notify(trx: Trx, memberId: number, kind: string, payload: Record<string, unknown>, event: OutboxEvent, now: Date): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({ member_id: memberId, kind, payload: JSON.stringify(payload), source_event_id: event.id, created_at: now, read_at: null })
    .onConflict((oc) => oc.columns(['member_id', 'source_event_id', 'kind']).doNothing())
    .execute();
}

/**
 * The count a mail quotes: from this process's graph index when a recent poll covers it (no
 * statement), else in SQL inside the worker's transaction — never a poll through another connection
 * while this transaction holds one (the embedded database has only one).
 */
async function mutualConnectionsFor(trx: Trx, ctx: AppContext, a: number, b: number): Promise<number> {
  const graph = graphFor(ctx);
  if (graph?.sync.isFresh(SCREEN_MAX_AGE_MS)) return graph.index.mutualCount(a, b);
  return countMutualConnections(trx, a, b);
}

/** The sign-up link of a "join and connect" mail: it proves the address, so invitations to it convert. */
export function joinUrl(ctx: AppContext, email: string, now: Date): string {
  const token = createLinkToken(ctx.secret, { purpose: 'verify_email', memberId: 0, subject: email.trim().toLowerCase(), expiresAt: now.getTime() + 30 * DAY_MS });
  return `${ctx.publicUrl}/signup?email=${encodeURIComponent(email)}&join=${token}`;
}

/** A one-click accept link: signed, bound to this invitation and recipient, expiring, single use. */
export function acceptUrl(ctx: AppContext, invitationId: number, recipientId: number, now: Date): string {
  const token = createLinkToken(ctx.secret, {
    purpose: 'accept_invitation',
    memberId: recipientId,
    subject: String(invitationId),
    expiresAt: now.getTime() + ctx.policy.oneClickLinkDays * DAY_MS,
  });
  return `${ctx.publicUrl}/mail/accept?token=${token}`;
}

/**
 * What each event causes: in-app notifications and mail, written in the same transaction that
 * marks the event processed. Ignoring, withdrawing, reporting and expiry cause nothing the other
 * member can see.
 */
export async function applyEventEffects(trx: Trx, ctx: AppContext, event: OutboxEvent, now: Date): Promise<void> {
  const p = event.payload;
  switch (event.topic) {
    case 'invitation.sent':
    case 'invitation.resent': {
      const invitation = await trx.selectFrom('invitations').selectAll().where('id', '=', Number(p.invitationId)).executeTakeFirst();
      if (!invitation || invitation.status !== 'pending') return; // re-check: withdrawn meanwhile
      const sender = await member(trx, invitation.sender_id);
      if (!sender) return;
      const message = invitation.note ?? DEFAULT_INVITATION_MESSAGE;
      if (invitation.recipient_id === null) {
        if (event.topic === 'invitation.resent') return;
        // An address that belongs to a member the sender may not invite: the invitation goes nowhere.
        const owner = await trx.selectFrom('members').select('id').where('email_normalized', '=', invitation.recipient_email_normalized!).executeTakeFirst();
        if (owner) return;
        await queueMail(trx, ctx, {
          toMemberId: null,
          toEmail: invitation.recipient_email!,
          recipientName: 'there',
          content: { template: 'join', sender: person(sender), message, joinUrl: joinUrl(ctx, invitation.recipient_email!, now) },
          dedupeKey: `event:${event.id}`,
        }, now);
        return;
      }
      const recipient = await member(trx, invitation.recipient_id);
      if (!recipient) return;
      const links = { acceptUrl: acceptUrl(ctx, invitation.id, recipient.id, now), profileUrl: `${ctx.publicUrl}/members/${sender.id}` };
      if (event.topic === 'invitation.sent') {
        await notify(trx, recipient.id, 'invitation_received', { invitationId: String(invitation.id), from: person(sender) }, event, now);
        const mutualConnections = await mutualConnectionsFor(trx, ctx, sender.id, recipient.id);
        await queueMail(trx, ctx, {
          toMemberId: recipient.id,
          toEmail: recipient.email,
          recipientName: recipient.name,
          content: { template: 'invitation', sender: person(sender), message, howWeMet: invitation.how_we_met, mutualConnections, ...links },
          dedupeKey: `event:${event.id}`,
        }, now);
      } else {
        await queueMail(trx, ctx, {
          toMemberId: recipient.id,
          toEmail: recipient.email,
          recipientName: recipient.name,
          content: { template: 'resend', sender: person(sender), message, ...links },
          dedupeKey: `event:${event.id}`,
        }, now);
      }
      return;
    }
    case 'invitation.accepted': {
      const [sender, recipient] = await Promise.all([member(trx, p.senderId), member(trx, p.recipientId)]);
      if (!sender || !recipient) return;
      await notify(trx, sender.id, 'invitation_accepted', { invitationId: String(p.invitationId), by: person(recipient), memberId: String(recipient.id) }, event, now);
      await queueMail(trx, ctx, {
        toMemberId: sender.id,
        toEmail: sender.email,
        recipientName: sender.name,
        content: { template: 'accepted', other: person(recipient), profileUrl: `${ctx.publicUrl}/members/${recipient.id}` },
        dedupeKey: `event:${event.id}`,
      }, now);
      return;
    }
    case 'invitation.declined': {
      if (!ctx.policy.declineTellsSender) return;
      const [sender, recipient] = await Promise.all([member(trx, p.senderId), member(trx, p.recipientId)]);
      if (!sender || !recipient) return;
      await notify(trx, sender.id, 'invitation_declined', { invitationId: String(p.invitationId), by: person(recipient) }, event, now);
      await queueMail(trx, ctx, { toMemberId: sender.id, toEmail: sender.email, recipientName: sender.name, content: { template: 'declined', other: person(recipient) }, dedupeKey: `event:${event.id}` }, now);
      return;
    }
    case 'invitation.replied': {
      const [author, to] = await Promise.all([member(trx, p.authorId), member(trx, p.to)]);
      const message = await trx.selectFrom('invitation_messages').select('body').where('id', '=', Number(p.messageId)).executeTakeFirst();
      if (!author || !to || !message) return;
      await notify(trx, to.id, 'invitation_reply', { invitationId: String(p.invitationId), from: person(author) }, event, now);
      await queueMail(trx, ctx, {
        toMemberId: to.id,
        toEmail: to.email,
        recipientName: to.name,
        content: { template: 'reply', other: person(author), message: message.body, threadUrl: `${ctx.publicUrl}/invitations/${p.invitationId}` },
        dedupeKey: `event:${event.id}`,
      }, now);
      return;
    }
    case 'member.restricted': {
      const restricted = await member(trx, p.memberId);
      if (!restricted) return;
      // The reports that led to this restriction (counted when it was decided: since the last lift);
      // events written before the count was in the payload fall back to every report.
      const reports = typeof p.reportsSinceLift === 'number' ? p.reportsSinceLift : await countReportsSince(trx, restricted.id, null);
      const canSelfLift = Number(p.restrictionCount) <= 1;
      await notify(trx, restricted.id, 'restricted', { reason: p.reason, canSelfLift }, event, now);
      await queueMail(trx, ctx, {
        toMemberId: restricted.id,
        toEmail: restricted.email,
        recipientName: restricted.name,
        content: { template: 'restricted', reports, threshold: ctx.policy.reportRestrictThreshold, canSelfLift, standingUrl: `${ctx.publicUrl}/standing` },
        dedupeKey: `event:${event.id}`,
      }, now);
      return;
    }
    case 'member.lifted': {
      const lifted = await member(trx, p.memberId);
      if (!lifted) return;
      await notify(trx, lifted.id, 'lifted', { by: p.by }, event, now);
      await queueMail(trx, ctx, { toMemberId: lifted.id, toEmail: lifted.email, recipientName: lifted.name, content: { template: 'lifted', byAdmin: p.by === 'admin' }, dedupeKey: `event:${event.id}` }, now);
      return;
    }
    case 'introduction.requested':
    case 'introduction.forwarded':
    case 'introduction.declined': {
      const introduction = await trx.selectFrom('introductions').selectAll().where('id', '=', Number(p.introductionId)).executeTakeFirst();
      if (!introduction) return;
      const [requester, introducer, target] = await Promise.all([member(trx, introduction.requester_id), member(trx, introduction.introducer_id), member(trx, introduction.target_id)]);
      if (!requester || !introducer || !target) return;
      const payload = { introductionId: String(introduction.id), requester: person(requester), introducer: person(introducer), target: person(target) };
      if (event.topic === 'introduction.declined') {
        await notify(trx, requester.id, 'introduction_declined', payload, event, now);
        return;
      }
      const to = event.topic === 'introduction.requested' ? introducer : target;
      await notify(trx, to.id, event.topic === 'introduction.requested' ? 'introduction_requested' : 'introduction_received', payload, event, now);
      await queueMail(trx, ctx, {
        toMemberId: to.id,
        toEmail: to.email,
        recipientName: to.name,
        content:
          event.topic === 'introduction.requested'
            ? { template: 'introduction_request', requester: person(requester), target: person(target), message: introduction.message_to_introducer, url: `${ctx.publicUrl}/introductions/${introduction.id}` }
            : { template: 'introduction', requester: person(requester), introducer: person(introducer), message: introduction.message_to_target, note: introduction.introducer_note, url: `${ctx.publicUrl}/introductions/${introduction.id}` },
        dedupeKey: `event:${event.id}`,
      }, now);
      return;
    }
    case 'message.sent': {
      const [sender, recipient] = await Promise.all([member(trx, p.senderId), member(trx, p.recipientId)]);
      if (!sender || !recipient) return;
      await notify(trx, recipient.id, 'message', { messageId: String(p.messageId), from: person(sender), memberId: String(sender.id) }, event, now);
      return;
    }
    case 'member.followed': {
      const [follower, followee] = await Promise.all([member(trx, p.followerId), member(trx, p.followeeId)]);
      if (!follower || !followee) return;
      await notify(trx, followee.id, 'new_follower', { from: person(follower), memberId: String(follower.id) }, event, now);
      return;
    }
    default:
      return; // ignored, withdrawn, reported, expired, connection changes, unfollows: nothing to tell anyone
  }
}
