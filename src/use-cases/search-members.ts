import type { AppContext } from '../context.js';
import { findMemberSearchMatches, type ConnectedFilter, type MemberSearchFilters } from '../db/repositories/member-search.js';
import type { MemberRow } from '../db/schema.js';
import { graphReader } from '../graph/graph-reads.js';
import type { Degree } from '../graph/sql-graph.js';

/** Rows scanned at most per search request when filtering by 2nd or 3rd degree. */
const MAX_SEARCH_SCAN = 2000;
const SEARCH_SCAN_BATCH = 200;

export interface MemberSearchQuery extends MemberSearchFilters {
  limit: number;
  /** Where in the matches this page starts (the scan position the previous page ended at). */
  offset: number;
  /** Only members at these degrees from the viewer; none: any. */
  degrees: ReadonlySet<number> | null;
}

export interface MemberSearchPage {
  members: MemberRow[];
  degrees: Map<number, Degree>;
  mutualConnections: Map<number, number>;
  /** Where the next page starts, or null when this is the last. */
  nextOffset: number | null;
}

/**
 * People search: the viewer's matches, best first, each with their degree and mutual connections.
 * 1st degree (or leaving it out) is part of the query; 2nd and 3rd come from the graph, so the
 * matches are scanned in order and those at a wanted degree kept, up to a bounded number of rows
 * per request — the next page starts where the scan stopped.
 */
export async function searchMembers(ctx: AppContext, viewerId: number, query: MemberSearchQuery): Promise<MemberSearchPage> {
  const { limit, offset, degrees: wanted } = query;
  const filters: MemberSearchFilters = { q: query.q, company: query.company, title: query.title, school: query.school, location: query.location, group: query.group, skill: query.skill };
  const connected: ConnectedFilter = wanted?.has(1) && wanted.size === 1 ? true : wanted && !wanted.has(1) ? false : null;
  const matches = (count: number, from: number) => findMemberSearchMatches(ctx.db, viewerId, filters, connected, count, from);
  const graph = await graphReader(ctx);

  let page: MemberRow[];
  let nextOffset: number | null;
  const degrees = new Map<number, Degree>();
  if (!wanted || (wanted.size === 1 && wanted.has(1))) {
    const rows = await matches(limit + 1, offset);
    page = rows.slice(0, limit);
    nextOffset = rows.length > limit ? offset + limit : null;
  } else {
    const found: { row: MemberRow; next: number }[] = [];
    let position = offset;
    let exhausted = false;
    // Without an index each degree is a SQL query or three: scan less.
    const scanUntil = offset + (graph.source === 'index' ? MAX_SEARCH_SCAN : MAX_SEARCH_SCAN / 10);
    while (found.length <= limit && position < scanUntil) {
      const rows = await matches(SEARCH_SCAN_BATCH, position);
      for (const row of rows) {
        position++;
        const degree = await graph.degree(viewerId, row.id);
        if (!wanted.has(degree ?? 0)) continue;
        degrees.set(row.id, degree);
        found.push({ row, next: position });
        if (found.length > limit) break;
      }
      if (rows.length < SEARCH_SCAN_BATCH) {
        exhausted = found.length <= limit;
        break;
      }
    }
    page = found.slice(0, limit).map((f) => f.row);
    nextOffset = found.length > limit ? found[limit - 1]!.next : exhausted ? null : position;
  }
  const ids = page.map((m) => m.id);
  const mutualConnections = await graph.mutualCounts(viewerId, ids);
  for (const id of ids) if (!degrees.has(id)) degrees.set(id, await graph.degree(viewerId, id));
  return { members: page, degrees, mutualConnections, nextOffset };
}
