/**
 * People you may know, as the connection graph finds them: friends of friends, counted by the
 * connections they share with the viewer. These are the rules; `src/graph/friend-of-friend-walk.ts`
 * applies them to the in-memory index and `suggestPeople` in `src/graph/sql-graph.ts` to SQL.
 */

/** What decides whether a member reached through the viewer's connections is suggested. */
export interface FriendOfFriendFacts {
  /** Connections the member shares with the viewer. */
  mutualConnections: number;
  isViewer: boolean;
  /** Already connected to the viewer. */
  isConnection: boolean;
  /** A company page: companies do not connect. */
  isCompany: boolean;
  /**
   * Kept apart by the pair's history: blocked either way, an invitation either way that is open or
   * was declined or reported, or dismissed by the viewer (`loadSuggestionExclusions`).
   */
  isExcluded: boolean;
}

/**
 * A member is suggested from the graph when they are a person who shares at least one connection
 * with the viewer, and are neither the viewer, nor already a connection, nor excluded.
 */
export function isSuggestedFriendOfFriend(facts: FriendOfFriendFacts): boolean {
  return facts.mutualConnections > 0 && !facts.isViewer && !facts.isConnection && !facts.isCompany && !facts.isExcluded;
}

/** Connection counts at or above this all rank alike (see `friendOfFriendRankKey`). */
export const RANKED_CONNECTIONS_CAP = 1_048_575;
const MUTUAL_UNIT = RANKED_CONNECTIONS_CAP + 1;

/**
 * The order of `compareSuggestionTies` (more mutual connections, then the better-connected member)
 * packed into one number, higher first, for a bounded heap that breaks equal keys by the lower id.
 * A member with more than `RANKED_CONNECTIONS_CAP` connections counts as having that many.
 */
export function friendOfFriendRankKey(mutualConnections: number, connectionCount: number): number {
  return mutualConnections * MUTUAL_UNIT + Math.min(connectionCount, RANKED_CONNECTIONS_CAP);
}

/** The mutual connections a rank key holds; 0 or less for a key below any member's. */
export function mutualConnectionsOfRankKey(key: number): number {
  return Math.floor(key / MUTUAL_UNIT);
}
