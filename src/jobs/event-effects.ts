import type { AppContext } from '../context.js';
import { DAY_MS } from '../domain/clock.js';
import { initialsOf } from '../domain/member.js';
import { DEFAULT_INVITATION_MESSAGE } from '../domain/note.js';
import { inmailCreditsFor } from '../domain/messaging.js';
import { monthlyLimitFor } from '../domain/quota.js';
import { countReportsSince } from '../db/repositories/standing.js';
import { createLinkToken } from '../mail/link-tokens.js';
import type { Person } from '../mail/templates.js';
import type { EffectMember, EffectReferences, EffectsBatch } from './effects-batch.js';

export interface OutboxEvent {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
}

function person(member: EffectMember): Person {
  return { name: member.name, initials: initialsOf(member.name), headline: member.headline };
}

const MEMBER_KEYS = ['senderId', 'recipientId', 'authorId', 'to', 'memberId', 'followerId', 'followeeId'] as const;

/** The rows an event's effects read, for `EffectsBatch.read` to fetch a whole batch's at once. */
export function referencesOf(event: OutboxEvent, into: EffectReferences): void {
  const p = event.payload;
  for (const key of MEMBER_KEYS) if (typeof p[key] === 'number' || typeof p[key] === 'string') into.members.push(Number(p[key]));
  if (event.topic === 'invitation.sent' || event.topic === 'invitation.resent') into.invitations.push(Number(p.invitationId));
  if (event.topic === 'invitation.replied') into.invitationMessages.push(Number(p.messageId));
  if (event.topic.startsWith('introduction.')) into.introductions.push(Number(p.introductionId));
}

/** The sign-up link of a "join and connect" mail, good for `joinLinkDays`: it proves the address, so invitations to it convert. */
export function joinUrl(ctx: AppContext, email: string, now: Date): string {
  const token = createLinkToken(ctx.secret, { purpose: 'verify_email', memberId: 0, subject: email.trim().toLowerCase(), expiresAt: now.getTime() + ctx.policy.joinLinkDays * DAY_MS });
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

/** A one-click ignore link, by the same rules as the accept link (its own purpose, so neither token does the other's job). */
export function ignoreUrl(ctx: AppContext, invitationId: number, recipientId: number, now: Date): string {
  const token = createLinkToken(ctx.secret, {
    purpose: 'ignore_invitation',
    memberId: recipientId,
    subject: String(invitationId),
    expiresAt: now.getTime() + ctx.policy.oneClickLinkDays * DAY_MS,
  });
  return `${ctx.publicUrl}/mail/ignore?token=${token}`;
}

/**
 * What each event causes: in-app notifications and mail, written in the same transaction that
 * marks the event processed. Ignoring, withdrawing, reporting and expiry cause nothing the other
 * member can see.
 */
export async function applyEventEffects(batch: EffectsBatch, ctx: AppContext, event: OutboxEvent): Promise<void> {
  const { trx, now } = batch;
  const p = event.payload;
  switch (event.topic) {
    case 'invitation.sent':
    case 'invitation.resent': {
      const invitation = batch.invitation(p.invitationId);
      if (!invitation || invitation.status !== 'pending') return; // re-check: withdrawn meanwhile
      // Dropped by the rules: it reaches nobody. Sent to an address that has since been proven: its
      // `converted` event delivers it, once.
      if (invitation.dropped_at !== null) return;
      if (event.topic === 'invitation.sent' && p.recipientId === null && invitation.recipient_id !== null) return;
      const sender = batch.member(invitation.sender_id);
      if (!sender) return;
      const message = invitation.note ?? DEFAULT_INVITATION_MESSAGE;
      if (invitation.recipient_id === null) {
        if (event.topic === 'invitation.resent') return;
        // Proven by a member since: the proof decides it (`markEmailVerified`), no join mail. An account
        // that has not proven the address does not silence it: whoever signed up with it may not own
        // it, and the owner must still hear that someone invited them (the join link proves the
        // address; a member who did sign up with it proves it by the same token). Otherwise anyone
        // could sign up with a colleague's address and quietly swallow every invitation meant for them.
        if (batch.isProvenMemberEmail(invitation.recipient_email_normalized!)) return;
        batch.queueMail({
          toMemberId: null,
          toEmail: invitation.recipient_email!,
          recipientName: 'there',
          content: { template: 'join', sender: person(sender), message, joinUrl: joinUrl(ctx, invitation.recipient_email!, now) },
          dedupeKey: `event:${event.id}`,
        });
        return;
      }
      const recipient = batch.member(invitation.recipient_id);
      if (!recipient) return;
      const links = { acceptUrl: acceptUrl(ctx, invitation.id, recipient.id, now), ignoreUrl: ignoreUrl(ctx, invitation.id, recipient.id, now), profileUrl: `${ctx.publicUrl}/members/${sender.id}` };
      if (event.topic === 'invitation.sent') {
        batch.notify(recipient.id, 'invitation_received', { invitationId: String(invitation.id), from: person(sender) }, event.id);
        const mutualConnections = batch.mutualConnections(invitation.id);
        batch.queueMail({
          toMemberId: recipient.id,
          toEmail: recipient.email,
          recipientName: recipient.name,
          content: { template: 'invitation', sender: person(sender), message, howWeMet: invitation.how_we_met, mutualConnections, ...links },
          dedupeKey: `event:${event.id}`,
        });
      } else {
        batch.queueMail({
          toMemberId: recipient.id,
          toEmail: recipient.email,
          recipientName: recipient.name,
          content: { template: 'resend', sender: person(sender), message, ...links },
          dedupeKey: `event:${event.id}`,
        });
      }
      return;
    }
    case 'invitation.accepted': {
      const [sender, recipient] = [batch.member(p.senderId), batch.member(p.recipientId)];
      if (!sender || !recipient) return;
      batch.notify(sender.id, 'invitation_accepted', { invitationId: String(p.invitationId), by: person(recipient), memberId: String(recipient.id) }, event.id);
      batch.queueMail({
        toMemberId: sender.id,
        toEmail: sender.email,
        recipientName: sender.name,
        content: { template: 'accepted', other: person(recipient), profileUrl: `${ctx.publicUrl}/members/${recipient.id}` },
        dedupeKey: `event:${event.id}`,
      });
      return;
    }
    case 'invitation.declined': {
      if (!ctx.policy.declineTellsSender || p.cause === 'account_closed') return; // a closing account declines silently
      const [sender, recipient] = [batch.member(p.senderId), batch.member(p.recipientId)];
      if (!sender || !recipient) return;
      batch.notify(sender.id, 'invitation_declined', { invitationId: String(p.invitationId), by: person(recipient) }, event.id);
      batch.queueMail({ toMemberId: sender.id, toEmail: sender.email, recipientName: sender.name, content: { template: 'declined', other: person(recipient) }, dedupeKey: `event:${event.id}` });
      return;
    }
    case 'invitation.replied': {
      const [author, to] = [batch.member(p.authorId), batch.member(p.to)];
      const message = batch.invitationMessageBody(p.messageId);
      if (!author || !to || message === undefined) return;
      batch.notify(to.id, 'invitation_reply', { invitationId: String(p.invitationId), from: person(author) }, event.id);
      batch.queueMail({
        toMemberId: to.id,
        toEmail: to.email,
        recipientName: to.name,
        content: { template: 'reply', other: person(author), message, threadUrl: `${ctx.publicUrl}/invitations/${p.invitationId}` },
        dedupeKey: `event:${event.id}`,
      });
      return;
    }
    case 'member.restricted': {
      const restricted = batch.member(p.memberId);
      if (!restricted) return;
      // The reports that led to this restriction (counted when it was decided: since the last lift);
      // events written before the count was in the payload fall back to every report.
      const reports = typeof p.reportsSinceLift === 'number' ? p.reportsSinceLift : await countReportsSince(trx, restricted.id, null);
      const canSelfLift = Number(p.restrictionCount) <= 1;
      batch.notify(restricted.id, 'restricted', { reason: p.reason, canSelfLift }, event.id);
      batch.queueMail({
        toMemberId: restricted.id,
        toEmail: restricted.email,
        recipientName: restricted.name,
        content: {
          template: 'restricted',
          reason: p.reason === 'low_acceptance' ? 'low_acceptance' : 'reports',
          reports,
          threshold: typeof p.threshold === 'number' ? p.threshold : ctx.policy.reportRestrictThreshold,
          acceptance:
            typeof p.accepted === 'number' && typeof p.decided === 'number' && typeof p.minAcceptRate === 'number'
              ? { accepted: p.accepted, decided: p.decided, minAcceptRate: p.minAcceptRate }
              : null,
          canSelfLift,
          standingUrl: `${ctx.publicUrl}/standing`,
        },
        dedupeKey: `event:${event.id}`,
      });
      return;
    }
    case 'member.lifted': {
      const lifted = batch.member(p.memberId);
      if (!lifted) return;
      batch.notify(lifted.id, 'lifted', { by: p.by }, event.id);
      batch.queueMail({ toMemberId: lifted.id, toEmail: lifted.email, recipientName: lifted.name, content: { template: 'lifted', byAdmin: p.by === 'admin' }, dedupeKey: `event:${event.id}` });
      return;
    }
    case 'introduction.requested':
    case 'introduction.forwarded':
    case 'introduction.declined': {
      const introduction = batch.introduction(p.introductionId);
      if (!introduction) return;
      const [requester, introducer, target] = [batch.member(introduction.requester_id), batch.member(introduction.introducer_id), batch.member(introduction.target_id)];
      if (!requester || !introducer || !target) return;
      const payload = { introductionId: String(introduction.id), requester: person(requester), introducer: person(introducer), target: person(target) };
      if (event.topic === 'introduction.declined') {
        batch.notify(requester.id, 'introduction_declined', payload, event.id);
        return;
      }
      const to = event.topic === 'introduction.requested' ? introducer : target;
      batch.notify(to.id, event.topic === 'introduction.requested' ? 'introduction_requested' : 'introduction_received', payload, event.id);
      batch.queueMail({
        toMemberId: to.id,
        toEmail: to.email,
        recipientName: to.name,
        content:
          event.topic === 'introduction.requested'
            ? { template: 'introduction_request', requester: person(requester), target: person(target), message: introduction.message_to_introducer, url: `${ctx.publicUrl}/introductions/${introduction.id}` }
            : { template: 'introduction', requester: person(requester), introducer: person(introducer), message: introduction.message_to_target, note: introduction.introducer_note, url: `${ctx.publicUrl}/introductions/${introduction.id}` },
        dedupeKey: `event:${event.id}`,
      });
      return;
    }
    case 'message.sent': {
      const [sender, recipient] = [batch.member(p.senderId), batch.member(p.recipientId)];
      if (!sender || !recipient) return;
      batch.notify(recipient.id, 'message', { messageId: String(p.messageId), from: person(sender), memberId: String(sender.id) }, event.id);
      return;
    }
    case 'member.followed': {
      const [follower, followee] = [batch.member(p.followerId), batch.member(p.followeeId)];
      if (!follower || !followee) return;
      batch.notify(followee.id, 'new_follower', { from: person(follower), memberId: String(follower.id) }, event.id);
      return;
    }
    case 'member.tier_changed': {
      const member = batch.member(p.memberId);
      if (!member) return;
      const tier = p.tier === 'premium' ? 'premium' : 'free';
      batch.notify(member.id, 'tier_changed', { tier, monthlyLimit: monthlyLimitFor(tier, ctx.policy), inmailCredits: inmailCreditsFor(tier, ctx.policy) }, event.id);
      return;
    }
    case 'allotment.granted':
    case 'allotment.denied': {
      const member = batch.member(p.memberId);
      if (!member) return;
      const granted = event.topic === 'allotment.granted';
      const count = typeof p.count === 'number' ? p.count : null;
      const reason = typeof p.reason === 'string' ? p.reason : null;
      batch.notify(member.id, granted ? 'allotment_granted' : 'allotment_denied', { requestId: p.requestId === null || p.requestId === undefined ? null : String(p.requestId), count }, event.id);
      batch.queueMail({
        toMemberId: member.id,
        toEmail: member.email,
        recipientName: member.name,
        content: { template: 'allotment_decided', granted, count, reason, standingUrl: `${ctx.publicUrl}/standing#allotment-requests` },
        dedupeKey: `event:${event.id}`,
      });
      return;
    }
    case 'export.ready': {
      const member = batch.member(p.memberId);
      if (!member) return;
      const expiresAt = typeof p.expiresAt === 'string' ? p.expiresAt : null;
      batch.notify(member.id, 'data_export_ready', { exportId: String(p.exportId), expiresAt }, event.id);
      batch.queueMail({
        toMemberId: member.id,
        toEmail: member.email,
        recipientName: member.name,
        content: { template: 'data_export_ready', expiresAt: expiresAt ?? '', hours: ctx.policy.exportLinkHours, url: `${ctx.publicUrl}/settings#your-data` },
        dedupeKey: `event:${event.id}`,
      });
      return;
    }
    default:
      return; // ignored, withdrawn, reported, expired, connection changes, unfollows: nothing to tell anyone
  }
}
