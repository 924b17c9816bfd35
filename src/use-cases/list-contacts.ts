import type { AppContext } from '../context.js';
import type { Pacer } from '../contacts/pacer.js';
import { MEMBER_MATCH_WINDOW_MS, memberMatchesAllowed } from '../domain/contact-rules.js';
import { normalizeEmail } from '../domain/member.js';
import { addressesWithAccounts, countMemberMatchesShownSince, listContactPage, lockContactsOf, markMemberMatchesShown, type ContactRow } from '../db/repositories/contacts.js';
import type { Trx } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
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

/** Addresses looked up at once when matching a whole import against members. */
const MATCH_BATCH = 1000;

/**
 * Shows the member matches of `contacts` (in the order given) up to what is left of the owner's
 * `contactMembersShownPerDay` in the last 24 hours, and marks them shown. Answers the contacts
 * shown and the allowance left. The caller holds `lockContactsOf` for the owner, so parallel
 * requests cannot both spend the last of the allowance.
 */
export async function showMemberMatches(
  ctx: AppContext,
  trx: Trx,
  ownerId: number,
  contacts: readonly { id: number; normalized: string }[],
  now: Date,
  pacer?: Pacer,
): Promise<{ shown: Set<number>; left: number }> {
  const allowed = memberMatchesAllowed(await countMemberMatchesShownSince(trx, ownerId, new Date(now.getTime() - MEMBER_MATCH_WINDOW_MS)), ctx.policy);
  const shown = new Set<number>();
  for (let i = 0; i < contacts.length && shown.size < allowed; i += MATCH_BATCH) {
    await pacer?.yield();
    const batch = contacts.slice(i, i + MATCH_BATCH);
    const withAccounts = await addressesWithAccounts(trx, batch.map((c) => c.normalized));
    const members = await visibleMembersByEmail(trx, ownerId, [...withAccounts]);
    for (const contact of batch) {
      if (shown.size >= allowed) break;
      if (members.has(contact.normalized)) shown.add(contact.id);
    }
  }
  await markMemberMatchesShown(trx, ownerId, [...shown], now);
  return { shown, left: allowed - shown.size };
}

/**
 * Members behind the addresses, with degree and mutual connections, and whether an invitation is
 * open. A member match not shown before is shown only within the day's allowance
 * (`showMemberMatches`); past it the contact is listed without its member until the allowance frees up.
 */
export async function matchContacts(ctx: AppContext, ownerId: number, contacts: readonly ContactRow[]): Promise<ContactView[]> {
  const byEmail = await visibleMembersByEmail(ctx.db, ownerId, contacts.map((c) => normalizeEmail(c.email)));
  const shownBefore = contacts.filter((c) => c.member_shown_at !== null && byEmail.has(normalizeEmail(c.email)));
  const notYet = contacts.filter((c) => c.member_shown_at === null && byEmail.has(normalizeEmail(c.email)));
  const visible = new Set(shownBefore.map((c) => c.id));
  if (notYet.length > 0) {
    const now = ctx.clock.now();
    const { shown } = await inTransaction(ctx.db, async (trx) => {
      await lockContactsOf(trx, ownerId);
      return showMemberMatches(ctx, trx, ownerId, notYet.map((c) => ({ id: c.id, normalized: normalizeEmail(c.email) })), now);
    });
    for (const id of shown) visible.add(id);
  }
  const memberIds = [...new Set(contacts.filter((c) => visible.has(c.id)).map((c) => byEmail.get(normalizeEmail(c.email))!.id))];
  const graph = await graphReader(ctx);
  const mutuals = await graph.mutualCounts(ownerId, memberIds);
  const degrees = new Map<number, Degree>();
  for (const id of memberIds) degrees.set(id, await graph.degree(ownerId, id));
  // Invitations by id to a member not shown yet count too: one by address would, and the answer must not tell them apart.
  const allMemberIds = [...new Set([...byEmail.values()].map((m) => m.id))];
  const pending = await findOpenInvitationTargets(ctx.db, ownerId, allMemberIds, contacts.map((c) => normalizeEmail(c.email)));
  return contacts.map((contact) => {
    const normalized = normalizeEmail(contact.email);
    const matched = byEmail.get(normalized);
    const member = matched && visible.has(contact.id) ? matched : undefined;
    return {
      contact,
      member: member ? { row: member, degree: degrees.get(member.id) ?? null, mutualConnections: mutuals.get(member.id) ?? 0 } : null,
      invitationPending: (matched !== undefined && pending.members.has(matched.id)) || pending.emails.has(normalized),
    };
  });
}
