import type { AppContext } from '../context.js';
import { contactMatchesOf, lockContactsOf } from '../db/repositories/contacts.js';
import { findMembersByIds } from '../db/repositories/members.js';
import type { MemberRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { rankSuggestions, type RankedSuggestion } from '../domain/suggestion-rank.js';
import type { Degree } from '../graph/graph-index.js';
import { graphReader } from '../graph/graph-reads.js';
import { loadContextCandidates, loadSharedContext } from '../graph/shared-context.js';
import { showMemberMatches } from './list-contacts.js';

/** Friends of friends considered, best connected to the viewer first; deeper pages are not served. */
export const SUGGESTION_POOL = 500;
/** Members considered for each kind of shared context (company, school, group, contacts). */
const CONTEXT_PER_KIND = 200;

export interface Suggestion extends RankedSuggestion {
  member: MemberRow;
  /** Never 1: connections are not suggested. */
  degree: Exclude<Degree, 1>;
}

/**
 * People you may know: friends of friends from the graph index, and members who share a company,
 * school or group with the viewer or are among their imported contacts, ranked by the policy's
 * `suggestionWeights` (`rankSuggestions`). Every exclusion applies to both sources.
 */
export async function suggestPeople(ctx: AppContext, viewerId: number, limit: number, offset: number): Promise<{ items: Suggestion[]; hasMore: boolean }> {
  const graph = await graphReader(ctx);
  const [friendsOfFriends, contextIds] = await Promise.all([graph.suggest(viewerId, SUGGESTION_POOL, 0), loadContextCandidates(ctx.db, viewerId, CONTEXT_PER_KIND)]);
  const mutuals = new Map(friendsOfFriends.map((s) => [s.id, s.mutualConnections]));
  const others = contextIds.filter((id) => !mutuals.has(id));
  const ids = [...mutuals.keys(), ...others];
  const [members, shared, otherMutuals] = await Promise.all([findMembersByIds(ctx.db, ids), loadSharedContext(ctx.db, viewerId, ids), graph.mutualCounts(viewerId, others)]);
  // A closing account is suggested to nobody (its shared companies and groups stay until it is erased).
  const people = members.filter((member) => member.kind === 'person' && member.closing_at === null);
  // "In your contacts" only for an address its member proved: an unverified account is nobody's.
  const contacts = await contactsShown(ctx, viewerId, people.filter((member) => member.email_verified_at !== null));
  const byId = new Map(people.map((member) => [member.id, member]));
  const ranked = rankSuggestions(
    people.map((member) => ({
      id: member.id,
      mutualConnections: mutuals.get(member.id) ?? otherMutuals.get(member.id) ?? 0,
      companies: shared.get(member.id)?.companies ?? [],
      schools: shared.get(member.id)?.schools ?? [],
      groups: shared.get(member.id)?.groups ?? [],
      inContacts: contacts.has(member.id),
      connectionCount: member.connection_count,
    })),
    ctx.policy.suggestionWeights,
  );
  const page = ranked.slice(offset, offset + limit);
  const degrees = await Promise.all(page.map(async (s) => (s.mutualConnections > 0 ? 2 : notConnected(await graph.degree(viewerId, s.id)))));
  return {
    items: page.map((s, i) => ({ ...s, member: byId.get(s.id)!, degree: degrees[i]! })),
    hasMore: ranked.length > offset + limit,
  };
}

/**
 * The members among the viewer's contacts whose match may be shown: those shown before, and new ones
 * within what is left of `contactMembersShownPerDay` (then marked shown), as the contacts list
 * does. Suggestions must not reveal the matches the list holds back.
 */
async function contactsShown(ctx: AppContext, viewerId: number, members: readonly MemberRow[]): Promise<Set<number>> {
  const matches = await contactMatchesOf(ctx.db, ctx.secret, viewerId, members);
  const shown = new Set([...matches].filter(([, match]) => match.shown).map(([memberId]) => memberId));
  const notYet = members.filter((member) => matches.get(member.id)?.shown === false);
  if (notYet.length === 0) return shown;
  const byContact = new Map(notYet.map((member) => [matches.get(member.id)!.contactId, member.id]));
  const admitted = await inTransaction(ctx.db, async (trx) => {
    await lockContactsOf(trx, viewerId);
    const contacts = notYet.map((member) => ({ id: matches.get(member.id)!.contactId, normalized: member.email_normalized }));
    return showMemberMatches(ctx, trx, viewerId, contacts, ctx.clock.now());
  });
  for (const contactId of admitted.shown) shown.add(byContact.get(contactId)!);
  return shown;
}

function notConnected(degree: Degree): Exclude<Degree, 1> {
  return degree === 1 ? 2 : degree;
}
