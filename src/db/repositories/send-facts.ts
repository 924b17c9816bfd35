import { sql } from 'kysely';
import { OPEN_STATUSES } from '../../domain/invitation-state.js';
import type { SendCounts } from '../../domain/quota.js';
import type { PastInvitation } from '../../domain/reinvite.js';
import { preparedAs, type Executor } from '../database.js';
import { blockedEitherWay } from './blocks.js';
import { statusListSql } from './invitations.js';
import { sendCountsSql } from './send-counts.js';
import type { InvitationsFrom, InvitationStatus, MemberRow } from '../schema.js';

/** What lies between a sender and a recipient, as `decideSend` needs it (see `loadPairFacts`). */
export interface PairFacts {
  recipient: MemberRow;
  /** Either blocked the other. */
  blocked: boolean;
  invitationsFrom: InvitationsFrom;
  connected: boolean;
  /** The two share at least one connection. */
  shareAConnection: boolean;
  /** The two belong to at least one common group. */
  shareAGroup: boolean;
  /** The open (pending or silently ignored) invitation between them, either way. */
  open: { id: number; senderId: number } | null;
  /** The sender's earlier, finished invitations to the recipient. */
  history: PastInvitation[];
  counts: SendCounts;
  /** Invitations an administrator granted the sender beyond the allotment. */
  grantedExtra: number;
  /** The sender's address (by its keyed hash) is among the recipient's imported contacts. */
  inContacts: boolean;
}

/** What the send rule reads of the sender's own row. */
export type SendingMember = Pick<MemberRow, (typeof SENDER_FIELDS)[number]>;

const SENDER_FIELDS = ['id', 'email', 'kind', 'tier', 'restricted_at', 'restriction_ends_at', 'restriction_count', 'last_lift_at', 'connection_count'] as const;

const SENDER_COLUMNS = sql.raw(SENDER_FIELDS.map((field) => ` snd.${field} as s_${field},`).join(''));

type SenderColumns = { [field in (typeof SENDER_FIELDS)[number] as `s_${field}`]: MemberRow[field] | null };

export type PairFactsRow = MemberRow & {
  f_blocked: boolean;
  f_invitations_from: InvitationsFrom | null;
  f_connected: boolean;
  f_shared: boolean;
  f_shared_group: boolean;
  f_open_id: number | string | null;
  f_open_sender_id: number | string | null;
  f_history: { status: InvitationStatus; respondedAt: string | null; ignoredAt: string | null; endedByClosure?: boolean }[] | string;
  f_lifetime: number;
  f_month: number;
  f_week: number;
  f_day: number;
  f_oldest_week: Date | null;
  f_granted: number;
  f_in_contacts: boolean;
};

const FACT_COLUMNS = new Set([
  'f_blocked',
  'f_invitations_from',
  'f_connected',
  'f_shared',
  'f_shared_group',
  'f_open_id',
  'f_open_sender_id',
  'f_history',
  'f_lifetime',
  'f_month',
  'f_week',
  'f_day',
  'f_oldest_week',
  'f_granted',
  'f_in_contacts',
  ...SENDER_FIELDS.map((field) => `s_${field}`),
]);

/**
 * Every fact of the send rule about one sender and one recipient, and the recipient's row, in one
 * statement (one round trip): blocks either way, the recipient's setting, connected, sharing a
 * connection, the open invitation, the pair's history, the sender's counts in every quota window,
 * granted extras, and whether the sender is in the recipient's contacts. Each part is an indexed
 * lookup (primary keys, `invitations_one_open_per_pair`, `invitations_pair_history`,
 * `invitations_sender_created`); `docs/performance.md` (HTTP throughput) shows the plan.
 *
 * Read after the locks of a send (the pair, then the sender's row), in a statement of its own: a
 * statement's snapshot is taken when it starts, so facts read in the locking statement itself could
 * miss what the previous holder of the lock committed. Answers undefined when the recipient does
 * not exist.
 */
export async function loadPairFacts(db: Executor, senderId: number, recipientId: number, senderContactHash: string, now: Date): Promise<PairFacts | undefined> {
  const result = await pairFactsQuery(senderId, recipientId, senderContactHash, now).execute(db);
  const row = result.rows[0];
  return row && pairFactsOf(row);
}

/**
 * The same facts with the sender's row in the same statement, for a reader outside a send's locks
 * (a profile) who knows the sender's address but not the rest of the row. `sender` is undefined
 * when the sender's row is gone.
 */
export async function loadPairFactsWithSender(
  db: Executor,
  sender: { id: number; email: string },
  recipientId: number,
  senderContactHash: string,
  now: Date,
): Promise<(PairFacts & { sender: SendingMember | undefined }) | undefined> {
  const result = await pairFactsWithSenderQuery(sender.id, recipientId, senderContactHash, now).execute(db);
  const row = result.rows[0] as (PairFactsRow & SenderColumns) | undefined;
  if (!row) return undefined;
  return { ...pairFactsOf(row), sender: row.s_id === null ? undefined : (Object.fromEntries(SENDER_FIELDS.map((field) => [field, row[`s_${field}`]])) as SendingMember) };
}

function pairFactsOf(row: PairFactsRow): PairFacts {
  const recipient = Object.fromEntries(Object.entries(row).filter(([key]) => !FACT_COLUMNS.has(key))) as MemberRow;
  const history = typeof row.f_history === 'string' ? (JSON.parse(row.f_history) as Exclude<PairFactsRow['f_history'], string>) : row.f_history;
  return {
    recipient,
    blocked: row.f_blocked,
    invitationsFrom: row.f_invitations_from ?? 'everyone',
    connected: row.f_connected,
    shareAConnection: row.f_shared,
    shareAGroup: row.f_shared_group,
    open: row.f_open_id === null ? null : { id: Number(row.f_open_id), senderId: Number(row.f_open_sender_id) },
    history: history.map((past) => ({
      status: past.status,
      respondedAt: past.respondedAt === null ? null : new Date(past.respondedAt),
      ignoredAt: past.ignoredAt === null ? null : new Date(past.ignoredAt),
      endedByClosure: past.endedByClosure === true,
    })),
    counts: { lifetime: row.f_lifetime, thisMonth: row.f_month, last7Days: row.f_week, last24h: row.f_day, oldestInLast7Days: row.f_oldest_week },
    grantedExtra: Number(row.f_granted),
    inContacts: row.f_in_contacts,
  };
}

/** The statement of `loadPairFacts` (exported for the benchmark's plain-`pg` floor, which runs the same SQL). */
export function pairFactsQuery(senderId: number, recipientId: number, senderContactHash: string, now: Date) {
  return pairFactsSql(senderId, recipientId, senderContactHash, now, false);
}

/** The statement of `loadPairFactsWithSender`: the same, with the sender's row as `s_` columns. */
export function pairFactsWithSenderQuery(senderId: number, recipientId: number, senderContactHash: string, now: Date) {
  return pairFactsSql(senderId, recipientId, senderContactHash, now, true);
}

function pairFactsSql(senderId: number, recipientId: number, senderContactHash: string, now: Date, withSender: boolean) {
  return sql<PairFactsRow>`${sql.raw(preparedAs(withSender ? 'pair-facts-with-sender' : 'pair-facts'))}
    select r.*,${withSender ? SENDER_COLUMNS : sql``}
      ${blockedEitherWay(senderId, recipientId)} as f_blocked,
      (select s.invitations_from from member_settings s where s.member_id = ${recipientId}) as f_invitations_from,
      exists (select 1 from connections c where c.member_id = ${senderId} and c.other_id = ${recipientId}) as f_connected,
      exists (select 1 from connections ca
              join connections cb on cb.member_id = ${recipientId} and cb.other_id = ca.other_id
              where ca.member_id = ${senderId}) as f_shared,
      exists (select 1 from group_memberships ga
              join group_memberships gb on gb.member_id = ${recipientId} and gb.group_id = ga.group_id
              where ga.member_id = ${senderId}) as f_shared_group,
      o.id as f_open_id, o.sender_id as f_open_sender_id,
      (select coalesce(json_agg(json_build_object('status', h.status, 'respondedAt', h.responded_at, 'ignoredAt', h.ignored_at, 'endedByClosure', h.ended_by_closure)), '[]'::json)
         from invitations h
        where h.sender_id = ${senderId} and h.recipient_id = ${recipientId} and h.status <> 'pending') as f_history,
      q.lifetime as f_lifetime, q.month as f_month, q.week as f_week, q.day as f_day, q.oldest_week as f_oldest_week,
      (select coalesce(sum(g.count), 0)::int from allotment_grants g where g.member_id = ${senderId}) as f_granted,
      exists (select 1 from contacts k where k.owner_id = ${recipientId} and k.email_hash = ${senderContactHash}) as f_in_contacts
    from members r
    left join lateral (
      select i.id, i.sender_id from invitations i
      where least(i.sender_id, i.recipient_id) = least(${senderId}::bigint, ${recipientId}::bigint)
        and greatest(i.sender_id, i.recipient_id) = greatest(${senderId}::bigint, ${recipientId}::bigint)
        and i.status in ${statusListSql(OPEN_STATUSES)} and i.recipient_id is not null
      limit 1) o on true
    cross join lateral (${sendCountsSql(senderId, now)}) q
    ${withSender ? sql`left join members snd on snd.id = ${senderId}` : sql``}
    where r.id = ${recipientId}`;
}
