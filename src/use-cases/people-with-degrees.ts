import type { AppContext } from '../context.js';
import type { MemberRow } from '../db/schema.js';
import { graphReader } from '../graph/graph-reads.js';
import type { Degree } from '../graph/sql-graph.js';

/** A member in a list of people, as search shows them: with the viewer's degree to them and the connections the two share. */
export interface PersonInGraph {
  member: MemberRow;
  degree: Degree;
  mutualConnections: number;
}

/** Degree and mutual connections of each member, read as people search reads them; the viewer themself has neither. */
export async function withDegrees(ctx: AppContext, viewerId: number, members: readonly MemberRow[]): Promise<PersonInGraph[]> {
  const graph = await graphReader(ctx);
  const others = members.map((m) => m.id).filter((id) => id !== viewerId);
  const mutuals = await graph.mutualCounts(viewerId, others);
  const degrees = await Promise.all(members.map((m) => (m.id === viewerId ? null : graph.degree(viewerId, m.id))));
  return members.map((member, i) => ({ member, degree: degrees[i] ?? null, mutualConnections: member.id === viewerId ? 0 : (mutuals.get(member.id) ?? 0) }));
}
