import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { normalizeEmail } from '../domain/member.js';
import type { Executor } from '../db/database.js';
import type { ContactsTable, MemberRow } from '../db/schema.js';
import type { Selectable } from 'kysely';
import { graphReader } from '../graph/graph-reads.js';
import type { Degree } from '../graph/sql-graph.js';

export type ContactRow = Selectable<ContactsTable>;

export interface ContactView {
  contact: ContactRow;
  /** The member with this address, unless it is you or one of you blocked the other. */
  member: { row: MemberRow; degree: Degree; mutualConnections: number } | null;
  /** You have an open invitation to this address or member. */
  invitationPending: boolean;
}

export interface ContactPageQuery {
  limit: number;
  before: { at: Date; id: number } | null;
  q?: string | undefined;
}

/** One page of the member's contacts, newest first, each matched to a member by normalised address. */
export async function listContacts(ctx: AppContext, ownerId: number, query: ContactPageQuery): Promise<{ items: ContactView[]; hasMore: boolean }> {
  let select = ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  const before = query.before;
  if (before) {
    select = select.where((eb) => eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]));
  }
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  return { items: await matchContacts(ctx, ownerId, page), hasMore: rows.length > query.limit };
}

/** Members behind the addresses, with degree and mutual connections, and whether an invitation is open. */
export async function matchContacts(ctx: AppContext, ownerId: number, contacts: readonly ContactRow[]): Promise<ContactView[]> {
  const byEmail = await visibleMembersByEmail(ctx.db, ownerId, contacts.map((c) => normalizeEmail(c.email)));
  const memberIds = [...new Set([...byEmail.values()].map((m) => m.id))];
  const graph = await graphReader(ctx);
  const mutuals = await graph.mutualCounts(ownerId, memberIds);
  const degrees = new Map<number, Degree>();
  for (const id of memberIds) degrees.set(id, await graph.degree(ownerId, id));
  const pending = await openInvitationTargets(ctx.db, ownerId, memberIds, contacts.map((c) => normalizeEmail(c.email)));
  return contacts.map((contact) => {
    const normalized = normalizeEmail(contact.email);
    const member = byEmail.get(normalized);
    return {
      contact,
      member: member ? { row: member, degree: degrees.get(member.id) ?? null, mutualConnections: mutuals.get(member.id) ?? 0 } : null,
      invitationPending: (member !== undefined && pending.members.has(member.id)) || pending.emails.has(normalized),
    };
  });
}

export async function visibleMembersByEmail(db: Executor, ownerId: number, normalizedEmails: readonly string[]): Promise<Map<string, MemberRow>> {
  if (normalizedEmails.length === 0) return new Map();
  const rows = await db
    .selectFrom('members as m')
    .selectAll('m')
    .where('m.email_normalized', 'in', [...new Set(normalizedEmails)])
    .where('m.id', '<>', ownerId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('blocks as b')
            .select('b.blocker_id')
            .where((eb) =>
              eb.or([
                eb.and([eb('b.blocker_id', '=', ownerId), eb('b.blocked_id', '=', eb.ref('m.id'))]),
                eb.and([eb('b.blocked_id', '=', ownerId), eb('b.blocker_id', '=', eb.ref('m.id'))]),
              ]),
            ),
        ),
      ),
    )
    .execute();
  return new Map(rows.map((row) => [row.email_normalized, row]));
}

async function openInvitationTargets(db: Executor, senderId: number, memberIds: readonly number[], emails: readonly string[]) {
  const members = new Set<number>();
  const addresses = new Set<string>();
  if (memberIds.length === 0 && emails.length === 0) return { members, emails: addresses };
  const result = await sql<{ recipient_id: number | null; recipient_email_normalized: string | null }>`
    select recipient_id, recipient_email_normalized from invitations
    where sender_id = ${senderId} and status in ('pending', 'ignored', 'reported')
      and (recipient_id = any(${sql.val([...memberIds, 0])}::bigint[]) or recipient_email_normalized = any(${sql.val([...emails, ''])}::text[]))`.execute(db);
  for (const row of result.rows) {
    if (row.recipient_id !== null) members.add(Number(row.recipient_id));
    if (row.recipient_email_normalized !== null) addresses.add(row.recipient_email_normalized);
  }
  return { members, emails: addresses };
}
