import { sql, type Selectable } from 'kysely';
import type { AppContext } from '../context.js';
import type { Trx } from '../db/database.js';
import type { IntroductionsTable, InvitationRow } from '../db/schema.js';
import { SCREEN_MAX_AGE_MS, graphFor } from '../graph/registry.js';
import { countMutualConnectionsOfPairs } from '../graph/sql-graph.js';
import { countsTowardsDailyCap, dailyCapSince, mailRow, mailStatusFor, type MailPreferences, type MailRequest } from '../mail/mail-queue.js';

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

export type EffectIntroduction = Pick<
  Selectable<IntroductionsTable>,
  'id' | 'requester_id' | 'introducer_id' | 'target_id' | 'message_to_introducer' | 'message_to_target' | 'introducer_note'
>;

type NotificationRow = { member_id: number; kind: string; payload: string; source_event_id: number };
type DeliveryRow = { endpoint_id: number; event_id: number; topic: string; body: string };

/**
 * The reads and writes of one outbox batch, gathered: every row the batch's effects name is read
 * in a few statements up front, and every notification, mail and webhook delivery they cause is
 * written in one statement per table at the end — instead of half a dozen round trips per event,
 * which under load cost the database more than the requests that caused them.
 */
export class EffectsBatch {
  private readonly notifications: NotificationRow[] = [];
  private readonly mails: ReturnType<typeof mailRow>[] = [];
  private readonly deliveries: DeliveryRow[] = [];

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
  ) {}

  static async read(trx: Trx, ctx: AppContext, references: EffectReferences, now: Date): Promise<EffectsBatch> {
    const invitations = references.invitations.length === 0 ? [] : await trx.selectFrom('invitations').selectAll().where('id', '=', anyId(references.invitations)).execute();
    const introductions =
      references.introductions.length === 0
        ? []
        : await trx
            .selectFrom('introductions')
            .select(['id', 'requester_id', 'introducer_id', 'target_id', 'message_to_introducer', 'message_to_target', 'introducer_note'])
            .where('id', '=', anyId(references.introductions))
            .execute();
    const bodies =
      references.invitationMessages.length === 0 ? [] : await trx.selectFrom('invitation_messages').select(['id', 'body']).where('id', '=', anyId(references.invitationMessages)).execute();

    const memberIds = [...references.members];
    for (const invitation of invitations) {
      memberIds.push(invitation.sender_id);
      if (invitation.recipient_id !== null) memberIds.push(invitation.recipient_id);
    }
    for (const introduction of introductions) memberIds.push(introduction.requester_id, introduction.introducer_id, introduction.target_id);
    const memberRows =
      memberIds.length === 0
        ? []
        : await trx
            .selectFrom('members as m')
            .leftJoin('member_settings as s', 's.member_id', 'm.id')
            .select(['m.id', 'm.name', 'm.headline', 'm.email', 's.member_id as settings_of', 's.email_notifications', 's.email_categories', 's.digest'])
            .where('m.id', '=', anyId(memberIds))
            .execute();
    const members = new Map<number, EffectMember>();
    for (const row of memberRows) {
      const preferences = row.settings_of === null ? undefined : { email_notifications: row.email_notifications!, email_categories: row.email_categories, digest: row.digest! };
      members.set(row.id, { id: row.id, name: row.name, headline: row.headline, email: row.email, preferences });
    }

    // Invitations by email go nowhere when the address is a member's (see the `invitation.sent` effect).
    const invitedEmails = unique(invitations.flatMap((invitation) => (invitation.recipient_id === null && invitation.recipient_email_normalized ? [invitation.recipient_email_normalized] : [])));
    const owned = invitedEmails.length === 0 ? [] : await trx.selectFrom('members').select('email_normalized').where('email_normalized', '=', sql<string>`any(${sql.val(invitedEmails)}::text[])`).execute();

    const addresses = unique([...memberRows.map((row) => row.email), ...invitations.flatMap((invitation) => (invitation.recipient_email ? [invitation.recipient_email] : []))]);
    const counted =
      addresses.length === 0
        ? { rows: [] }
        : await sql<{ to_email: string; n: number }>`
            select to_email, count(*)::int as n from mail_messages
            where to_email = any(${sql.val(addresses)}::text[]) and created_at > ${dailyCapSince(now)} and status in ('pending', 'sent')
            group by to_email`.execute(trx);

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
      new Set(owned.map((row) => row.email_normalized)),
      new Map(counted.rows.map((row) => [row.to_email, row.n])),
      mutualCounts,
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

  /** Whether a member holds this (normalised) address. */
  isMemberEmail(emailNormalized: string): boolean {
    return this.memberEmails.has(emailNormalized);
  }

  notify(memberId: number, kind: string, payload: Record<string, unknown>, eventId: number): void {
    this.notifications.push({ member_id: memberId, kind, payload: JSON.stringify(payload), source_event_id: eventId });
  }

  /** Queues a mail, after the recipient's preferences and daily cap (see `mailStatusFor`). */
  queueMail(request: MailRequest): void {
    const preferences = request.toMemberId === null ? undefined : this.members.get(request.toMemberId)?.preferences;
    const sent = this.sentInLastDay.get(request.toEmail) ?? 0;
    const status = mailStatusFor(request.content, preferences, sent, this.ctx.policy);
    if (countsTowardsDailyCap(status)) this.sentInLastDay.set(request.toEmail, sent + 1);
    this.mails.push(mailRow(this.ctx, request, status, this.now));
  }

  deliverToWebhooks(endpointIds: number[], eventId: number, topic: string, body: string): void {
    for (const endpointId of endpointIds) this.deliveries.push({ endpoint_id: endpointId, event_id: eventId, topic, body });
  }

  /**
   * Writes everything the batch caused; a repeat of a row already written is skipped. Rows go in as
   * arrays (`unnest`), so each statement's text is the same whatever the batch's size, and is
   * prepared once per connection.
   */
  async write(): Promise<void> {
    const now = this.now;
    const n = this.notifications;
    if (n.length > 0) {
      await sql`
        insert into notifications (member_id, kind, payload, source_event_id, created_at)
        select member_id, kind, payload::jsonb, source_event_id, ${now}
        from unnest(${sql.val(n.map((r) => r.member_id))}::bigint[], ${sql.val(n.map((r) => r.kind))}::text[],
                    ${sql.val(n.map((r) => r.payload))}::text[], ${sql.val(n.map((r) => r.source_event_id))}::bigint[])
          as row(member_id, kind, payload, source_event_id)
        on conflict (member_id, source_event_id, kind) do nothing`.execute(this.trx);
    }
    const m = this.mails;
    if (m.length > 0) {
      const column = <K extends keyof (typeof m)[number]>(key: K) => sql.val(m.map((r) => r[key]));
      await sql`
        insert into mail_messages (to_member_id, to_email, category, template, subject, html, text_body, headers, message_id, dedupe_key, status, available_at, created_at)
        select to_member_id, to_email, category, template, subject, html, text_body, headers::jsonb, message_id, dedupe_key, status, ${now}, ${now}
        from unnest(${column('to_member_id')}::bigint[], ${column('to_email')}::text[], ${column('category')}::text[], ${column('template')}::text[],
                    ${column('subject')}::text[], ${column('html')}::text[], ${column('text_body')}::text[], ${column('headers')}::text[],
                    ${column('message_id')}::text[], ${column('dedupe_key')}::text[], ${column('status')}::text[])
          as row(to_member_id, to_email, category, template, subject, html, text_body, headers, message_id, dedupe_key, status)
        on conflict (dedupe_key) do nothing`.execute(this.trx);
    }
    const d = this.deliveries;
    if (d.length > 0) {
      await sql`
        insert into webhook_deliveries (endpoint_id, event_id, topic, body, next_attempt_at, created_at)
        select endpoint_id, event_id, topic, body, ${now}, ${now}
        from unnest(${sql.val(d.map((r) => r.endpoint_id))}::bigint[], ${sql.val(d.map((r) => r.event_id))}::bigint[],
                    ${sql.val(d.map((r) => r.topic))}::text[], ${sql.val(d.map((r) => r.body))}::text[])
          as row(endpoint_id, event_id, topic, body)
        on conflict (endpoint_id, event_id) do nothing`.execute(this.trx);
    }
  }
}

/** `= any($1::bigint[])`: one statement text for any number of ids. */
function anyId(ids: number[]) {
  return sql<number>`any(${sql.val(unique(ids))}::bigint[])`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
