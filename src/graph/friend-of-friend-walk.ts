import { friendOfFriendRankKey, isSuggestedFriendOfFriend, mutualConnectionsOfRankKey, type FriendOfFriendFacts } from '../domain/friends-of-friends.js';
import type { Adjacency } from './adjacency.js';
import type { QueryScratch } from './query-scratch.js';
import { TopK } from './top-k.js';

/** A friend of a friend worth suggesting, and how many connections the viewer shares with them. */
export interface SuggestedMember {
  id: number;
  mutualConnections: number;
}

export interface SuggestOptions {
  limit: number;
  offset?: number;
  /** Member ids never to suggest (blocked either way, pending or refused invitations, dismissed…). */
  exclude?: Iterable<number>;
  /**
   * Most adjacency entries to walk when collecting friends of friends. A viewer whose connections'
   * connections add up to more (a hub) walks their least connected connections first up to the
   * budget, then the best candidates are re-counted exactly.
   */
  budget?: number;
}

/** Adjacency entries walked at most for one suggestion list (about 10–15 ms on one core at a million members). */
export const DEFAULT_SUGGESTION_BUDGET = 500_000;

/**
 * Scratch counter values above any count kept: the viewer's connections, and members never suggested.
 * Counters are 16-bit (half the cache footprint of 32-bit ones on the hot walk); a count that would
 * reach SATURATED stops there and the list is then re-counted exactly.
 */
const CONNECTION = 0xffff;
const EXCLUDED = 0xfffe;
const SATURATED = 0xfffd;

/**
 * Which of the viewer's connections a walk takes: all of them when their lists add up to the
 * budget; else the least connected first (cheapest, and the strongest signal per entry), chosen by
 * degree bands of powers of two — no sort.
 */
class WalkBudget {
  readonly exact: boolean;
  /** Walk connections whose degree band is below this… */
  private bandLimit = 31;
  /** …and from the band at the limit, this many entries' worth. */
  private boundaryRoom = 0;

  constructor(adjacency: Adjacency, V: Int32Array, vs: number, ve: number, budget: number) {
    let volume = 0;
    for (let k = vs; k < ve; k++) volume += adjacency.degreeAt(V[k]!);
    this.exact = volume <= budget;
    if (this.exact) return;
    const bands = new Float64Array(32);
    for (let k = vs; k < ve; k++) bands[31 - Math.clz32(adjacency.degreeAt(V[k]!))]! += adjacency.degreeAt(V[k]!);
    let room = budget;
    let limit = 0;
    while (limit < 32 && bands[limit]! <= room) room -= bands[limit++]!;
    this.bandLimit = limit;
    this.boundaryRoom = room;
  }

  /** Whether to walk a connection with `length` connections of their own (taking its room if so). */
  takes(length: number): boolean {
    if (this.exact) return true;
    const band = 31 - Math.clz32(length);
    if (band > this.bandLimit) return false;
    if (band === this.bandLimit) {
      if (length > this.boundaryRoom) return false;
      this.boundaryRoom -= length;
    }
    return true;
  }
}

/** Counts one list's entries into `counts`, noting first-time ones in `touched`; answers the new touched count. */
function countEntries(L: Int32Array, ls: number, le: number, counts: Uint16Array, touched: Int32Array, touchedCount: number): number {
  for (let j = ls; j < le; j++) {
    const y = L[j]!;
    const c = counts[y]!;
    if (c >= SATURATED) continue;
    if (c === 0) touched[touchedCount++] = y;
    counts[y] = c + 1;
  }
  return touchedCount;
}

/**
 * People you may know from the graph: the friends of friends `isSuggestedFriendOfFriend` accepts,
 * in the order of `friendOfFriendRankKey` (then by id).
 */
export function suggestFriendsOfFriends(adjacency: Adjacency, scratch: QueryScratch, viewerId: number, options: SuggestOptions): SuggestedMember[] {
  const v = adjacency.ids.get(viewerId);
  const offset = options.offset ?? 0;
  const wanted = offset + options.limit;
  if (v < 0 || options.limit <= 0) return [];
  const counts = scratch.counts;
  const touched = scratch.touched;
  let touchedCount = 0;

  // The viewer's connections are marked CONNECTION; the viewer and excluded members EXCLUDED: the
  // walk never counts them, so every member it counts is neither.
  adjacency.load(v);
  const V = adjacency.la, vs = adjacency.ls, ve = adjacency.le;
  for (let k = vs; k < ve; k++) counts[V[k]!] = CONNECTION;
  counts[v] = EXCLUDED;
  const excluded: number[] = [v];
  for (const id of options.exclude ?? []) {
    const x = adjacency.ids.get(id);
    if (x >= 0 && counts[x] === 0) {
      counts[x] = EXCLUDED;
      excluded.push(x);
    }
  }

  const budget = new WalkBudget(adjacency, V, vs, ve, options.budget ?? DEFAULT_SUGGESTION_BUDGET);
  if (adjacency.overlayEmpty()) {
    // The CSR alone: lists reached 16 at a time, bounds then first entries in rounds of independent
    // loads (see walkWithinThree), instead of two dependent cache misses per list.
    const offsets = adjacency.offsets;
    const neighbours = adjacency.neighbours;
    const bounds = new Int32Array(32);
    let touch = 0;
    for (let from = vs; from < ve; from += 16) {
      const to = Math.min(ve, from + 16);
      let n = 0;
      for (let k = from; k < to; k++) {
        const x = V[k]!;
        const ls = offsets[x]!;
        const le = offsets[x + 1]!;
        if (!budget.takes(le - ls)) continue;
        bounds[n++] = ls;
        bounds[n++] = le;
      }
      for (let q = 0; q < n; q += 2) if (bounds[q]! < bounds[q + 1]!) touch |= neighbours[bounds[q]!]!;
      for (let q = 0; q < n; q += 2) touchedCount = countEntries(neighbours, bounds[q]!, bounds[q + 1]!, counts, touched, touchedCount);
    }
    scratch.sink = touch;
  } else {
    for (let k = vs; k < ve; k++) {
      adjacency.load(V[k]!);
      const L = adjacency.la, ls = adjacency.ls, le = adjacency.le;
      if (budget.takes(le - ls)) touchedCount = countEntries(L, ls, le, counts, touched, touchedCount);
    }
  }
  let recount = !budget.exact;
  if (budget.exact && ve - vs >= SATURATED) {
    for (let k = 0; k < touchedCount && !recount; k++) if (counts[touched[k]!] === SATURATED) recount = true;
  }

  // With the full walk the counts are exact; after a budgeted one, re-count the best candidates.
  const pool = recount ? wanted + Math.max(20, wanted >> 1) : wanted;
  const top = new TopK(pool);
  const idOf = adjacency.idOf;
  const facts: FriendOfFriendFacts = { mutualConnections: 0, isViewer: false, isConnection: false, isCompany: false, isExcluded: false };
  let floor = 0; // counts below this cannot make the list any more: skip them before any lookup
  // The rule is asked only about members who would make the list: one it refuses is not kept and
  // leaves the floor as it was, so asking later changes nothing, and most candidates never get there.
  for (let k = 0; k < touchedCount; k++) {
    const y = touched[k]!;
    const c = counts[y]!;
    if (c < floor) continue;
    const key = friendOfFriendRankKey(c, adjacency.degreeAt(y));
    const id = idOf[y]!;
    if (!top.wouldKeep(key, id)) continue;
    facts.mutualConnections = c;
    facts.isCompany = adjacency.isCompany(y);
    if (isSuggestedFriendOfFriend(facts)) {
      top.offer(y, key, id);
      floor = Math.max(0, mutualConnectionsOfRankKey(top.threshold));
    }
  }
  for (let k = 0; k < touchedCount; k++) counts[touched[k]!] = 0;

  let ranked = top.drain();
  if (recount) {
    // Exact mutual count of a candidate: its connections still marked CONNECTION.
    const rescored = new TopK(wanted);
    for (const { node } of ranked) {
      adjacency.load(node);
      const L = adjacency.la, ls = adjacency.ls, le = adjacency.le;
      let mutual = 0;
      for (let j = ls; j < le; j++) if (counts[L[j]!] === CONNECTION) mutual++;
      rescored.offer(node, friendOfFriendRankKey(mutual, le - ls), idOf[node]!);
    }
    ranked = rescored.drain();
  }
  for (let k = vs; k < ve; k++) counts[V[k]!] = 0;
  for (const x of excluded) counts[x] = 0;
  return ranked.slice(offset, wanted).map(({ node, key }) => ({ id: idOf[node]!, mutualConnections: mutualConnectionsOfRankKey(key) }));
}
