import type { AppContext } from '../context.js';
import { normalizeEmail } from '../domain/member.js';
import { listContactPage, type ContactRow } from '../db/repositories/contacts.js';
import { findOpenInvitationTargets } from '../db/repositories/invitation-lists.js';
import { visibleMembersByEmail } from '../db/repositories/members.js';
import type { MemberRow } from '../db/schema.js';
import { graphReader } from '../graph/graph-reads.js';
import type { Degree } from '../graph/sql-graph.js';

export type { ContactRow };
/** Kept here for the callers that import it from this module. */

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
  const rows = await listContactPage(ctx.db, ownerId, query.limit + 1, query.before, query.q);
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
  const pending = await findOpenInvitationTargets(ctx.db, ownerId, memberIds, contacts.map((c) => normalizeEmail(c.email)));
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
