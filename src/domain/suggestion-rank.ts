import type { Policy } from './policy.js';

/** What a viewer shares with a member who may be suggested to them. */
export interface SuggestionSignals {
  id: number;
  mutualConnections: number;
  companies: readonly string[];
  schools: readonly string[];
  groups: readonly string[];
  /** The viewer imported this member's address among their contacts. */
  inContacts: boolean;
  /** How connected the member is: the last tie-break before the id. */
  connectionCount: number;
}

export interface RankedSuggestion extends SuggestionSignals {
  score: number;
  reasons: string[];
}

/** One shared place counts once, whatever the number of places: a second company adds nothing. */
export function suggestionScore(signals: SuggestionSignals, weights: Policy['suggestionWeights']): number {
  return (
    signals.mutualConnections * weights.mutualConnection +
    (signals.companies.length > 0 ? weights.sharedCompany : 0) +
    (signals.schools.length > 0 ? weights.sharedSchool : 0) +
    (signals.groups.length > 0 ? weights.sharedGroup : 0) +
    (signals.inContacts ? weights.importedContact : 0)
  );
}

/** Why a member is suggested, most telling first: "In your contacts", "12 mutual connections", "Also worked at Acme"… */
export function suggestionReasons(signals: SuggestionSignals): string[] {
  const reasons: string[] = [];
  if (signals.inContacts) reasons.push('In your contacts');
  if (signals.mutualConnections > 0) reasons.push(`${signals.mutualConnections} mutual connection${signals.mutualConnections === 1 ? '' : 's'}`);
  if (signals.companies[0]) reasons.push(`Also worked at ${signals.companies[0]}`);
  if (signals.schools[0]) reasons.push(`Also studied at ${signals.schools[0]}`);
  if (signals.groups[0]) reasons.push(`Also a member of ${signals.groups[0]}`);
  return reasons;
}

/** What breaks ties between suggestions. */
export interface SuggestionTie {
  id: number;
  mutualConnections: number;
  connectionCount: number;
}

/**
 * Ties between suggestions, best first: more mutual connections, then the better-connected member,
 * then the lower id — a total order, so pages never overlap. Friends of friends from the graph come
 * in this order (`friendOfFriendRankKey`).
 */
export function compareSuggestionTies(a: SuggestionTie, b: SuggestionTie): number {
  return b.mutualConnections - a.mutualConnections || b.connectionCount - a.connectionCount || a.id - b.id;
}

/**
 * People you may know, best first: by score (see `suggestionScore`), then as `compareSuggestionTies`.
 * Members with nothing in common are dropped.
 */
export function rankSuggestions(candidates: readonly SuggestionSignals[], weights: Policy['suggestionWeights']): RankedSuggestion[] {
  return candidates
    .map((signals) => ({ ...signals, score: suggestionScore(signals, weights), reasons: suggestionReasons(signals) }))
    .filter((ranked) => ranked.reasons.length > 0)
    .sort((a, b) => b.score - a.score || compareSuggestionTies(a, b));
}
