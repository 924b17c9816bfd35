import type { AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import {
  findIntroductionsByIds,
  findInvitationMessageBodies,
  findInvitationsByIds,
  findProvenEmailsAmong,
  findMembersWithMailSettings,
  type EffectIntroduction,
} from '../db/repositories/effect-reads.js';
import { countMailByAddressSince, insertQueuedMails } from '../db/repositories/mail-messages.js';
import { findSuppressedHashes, suppressionHash } from '../db/repositories/mail-suppressions.js';
import { insertEventNotifications, type EventNotification } from '../db/repositories/notifications.js';
import { insertEventDeliveries, type EventDelivery } from '../db/repositories/webhooks.js';
import type { InvitationRow } from '../db/schema.js';
import { SCREEN_MAX_AGE_MS, graphFor } from '../graph/registry.js';
import { countMutualConnectionsOfPairs } from '../graph/sql-graph.js';
import { countsTowardsDailyCap, dailyCapSince, heedsSuppressionList, mailRow, mailStatusFor, type MailPreferences, type MailRequest } from '../mail/mail-queue.js';

/** What the effects of a batch of events read: the rows they name, by id. */
export interface EffectReferences {
  members: number[];
  invitations: number[];
  introductions: number[];
  invitationMessages: number[];
}

/** A member as the effects need them: to name them, and to mail them. */
export interface EffectMember {
  id: number;
  name: string;
  headline: string;
  email: string;
  preferences: MailPreferences | undefined;
}

/**
 * The reads and writes of one outbox batch, gathered: every row the batch's effects name is read
 * in a few statements up front, and every notification, mail and webhook delivery they cause is
 * written in one statement per table at the end — instead of half a dozen round trips per event,
 * which under load cost the database more than the requests that caused them.
 */
export class EffectsBatch {
  private readonly notifications: EventNotification[] = [];
  private readonly mails: ReturnType<typeof mailRow>[] = [];
  private readonly deliveries: EventDelivery[] = [];

  private constructor(
    readonly trx: Trx,
    private readonly ctx: AppContext,
    readonly now: Date,
    private readonly members: Map<number, EffectMember>,
    private readonly invitations: Map<number, InvitationRow>,
    private readonly introductions: Map<number, EffectIntroduction>,
    private readonly messageBodies: Map<number, string>,
    private readonly memberEmails: Set<string>,
    /** Mails that count against each address's daily cap, this batch's included. */
    private readonly sentInLastDay: Map<string, number>,
    /** "N mutual connections" for each loaded invitation to a member, by invitation id. */
    private readonly mutualCounts: Map<number, number>,
    /** The addresses invited by this batch that opted out of our mail, by `suppressionHash`. */
    private readonly suppressed: Set<string>,
  ) {}

  static async read(trx: Trx, ctx: AppContext, references: EffectReferences, now: Date): Promise<EffectsBatch> {
    const invitations = await findInvitationsByIds(trx, references.invitations);
    const introductions = await findIntroductionsByIds(trx, references.introductions);
    const bodies = await findInvitationMessageBodies(trx, references.invitationMessages);

    const memberIds = [...references.members];
    for (const invitation of invitations) {
      memberIds.push(invitation.sender_id);
      if (invitation.recipient_id !== null) memberIds.push(invitation.recipient_id);
    }
    for (const introduction of introductions) memberIds.push(introduction.requester_id, introduction.introducer_id, introduction.target_id);
    const memberRows = await findMembersWithMailSettings(trx, memberIds);
    const members = new Map<number, EffectMember>();
    for (const row of memberRows) {
      const preferences = row.settings_of === null ? undefined : { email_notifications: row.email_notifications!, email_categories: row.email_categories, digest: row.digest! };
      members.set(row.id, { id: row.id, name: row.name, headline: row.headline, email: row.email, preferences });
    }

    // Invitations by email get no join mail once a member has proven the address (see the `invitation.sent` effect).
    const invitedEmails = unique(invitations.flatMap((invitation) => (invitation.recipient_id === null && invitation.recipient_email_normalized ? [invitation.recipient_email_normalized] : [])));
    const owned = await findProvenEmailsAmong(trx, invitedEmails);
    const suppressed = await findSuppressedHashes(trx, invitedEmails.map((email) => suppressionHash(ctx.secret, email)));

    const addresses = unique([...memberRows.map((row) => row.email), ...invitations.flatMap((invitation) => (invitation.recipient_email ? [invitation.recipient_email] : []))]);
    const sentInLastDay = await countMailByAddressSince(trx, addresses, dailyCapSince(now));

    const toMembers = invitations.filter((invitation) => invitation.recipient_id !== null && invitation.status === 'pending');
    const mutualCounts = new Map<number, number>();
    const graph = graphFor(ctx);
    if (graph?.sync.isFresh(SCREEN_MAX_AGE_MS)) {
      for (const invitation of toMembers) mutualCounts.set(invitation.id, graph.index.mutualCount(invitation.sender_id, invitation.recipient_id!));
    } else {
      // In this transaction: never a poll through another connection while it holds one (the
      // embedded database has only one).
      const counts = await countMutualConnectionsOfPairs(trx, toMembers.map((invitation) => [invitation.sender_id, invitation.recipient_id!] as const));
      toMembers.forEach((invitation, k) => mutualCounts.set(invitation.id, counts[k]!));
    }

    return new EffectsBatch(
      trx,
      ctx,
      now,
      members,
      new Map(invitations.map((invitation) => [invitation.id, invitation])),
      new Map(introductions.map((introduction) => [introduction.id, introduction])),
      new Map(bodies.map((body) => [body.id, body.body])),
      owned,
      sentInLastDay,
      mutualCounts,
      suppressed,
    );
  }

  member(id: unknown): EffectMember | undefined {
    if (typeof id !== 'number' && typeof id !== 'string') return undefined;
    return this.members.get(Number(id));
  }

  invitation(id: unknown): InvitationRow | undefined {
    return this.invitations.get(Number(id));
  }

  introduction(id: unknown): EffectIntroduction | undefined {
    return this.introductions.get(Number(id));
  }

  invitationMessageBody(id: unknown): string | undefined {
    return this.messageBodies.get(Number(id));
  }

  /**
   * The mutual connections of an invitation's sender and recipient, for its mail: from this
   * process's graph index when a recent poll covers it, else counted in SQL for the whole batch.
   */
  mutualConnections(invitationId: number): number {
    return this.mutualCounts.get(invitationId) ?? 0;
  }

  /** Whether a member has proven this (normalised) address. */
  isProvenMemberEmail(emailNormalized: string): boolean {
    return this.memberEmails.has(emailNormalized);
  }

  notify(memberId: number, kind: string, payload: Record<string, unknown>, eventId: number): void {
    this.notifications.push({ member_id: memberId, kind, payload: JSON.stringify(payload), source_event_id: eventId });
  }

  /** Queues a mail, after the suppression list (`heedsSuppressionList`), the recipient's preferences and daily cap (see `mailStatusFor`). */
  queueMail(request: MailRequest): void {
    const preferences = request.toMemberId === null ? undefined : this.members.get(request.toMemberId)?.preferences;
    const sent = this.sentInLastDay.get(request.toEmail) ?? 0;
    const suppressed = heedsSuppressionList(request) && this.suppressed.has(suppressionHash(this.ctx.secret, request.toEmail));
    const status = suppressed ? 'suppressed' : mailStatusFor(request.content, preferences, sent, this.ctx.policy);
    if (countsTowardsDailyCap(status)) this.sentInLastDay.set(request.toEmail, sent + 1);
    this.mails.push(mailRow(this.ctx, request, status, this.now));
  }

  deliverToWebhooks(endpointIds: number[], eventId: number, topic: string, body: string): void {
    for (const endpointId of endpointIds) this.deliveries.push({ endpoint_id: endpointId, event_id: eventId, topic, body });
  }

  /**
   * Writes everything the batch caused, one statement per table; a repeat of a row already written
   * is skipped.
   */
  async write(): Promise<void> {
    await insertEventNotifications(this.trx, this.notifications, this.now);
    await insertQueuedMails(this.trx, this.mails, this.now);
    await insertEventDeliveries(this.trx, this.deliveries, this.now);
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
