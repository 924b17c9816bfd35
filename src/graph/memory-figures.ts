import type { Adjacency } from './adjacency.js';
import type { QueryScratch } from './query-scratch.js';

export interface GraphIndexStats {
  members: number;
  directedEdges: number;
  baseEdges: number;
  overlayMembers: number;
  overlayEntries: number;
  bytes: number;
  bytesPerDirectedEdge: number;
  parts: Record<string, number>;
}

/** What the index holds and the memory it takes, counted from its own arrays. */
export function memoryFigures(adjacency: Adjacency, scratch: QueryScratch, sketchBytes: number): GraphIndexStats {
  const parts = {
    neighbours: adjacency.neighbours.byteLength,
    offsets: adjacency.offsets.byteLength,
    memberIds: adjacency.idOf.byteLength,
    idTable: adjacency.ids.bytes(),
    flags: adjacency.flags.byteLength,
    sketch: sketchBytes,
    scratch: scratch.bytes,
    overlay: adjacency.overlay.bytes(),
  };
  const bytes = Object.values(parts).reduce((sum, part) => sum + part, 0);
  const edges = adjacency.edges;
  return {
    members: adjacency.size,
    directedEdges: edges,
    baseEdges: adjacency.neighbours.length,
    overlayMembers: adjacency.overlay.lists.size,
    overlayEntries: adjacency.overlay.entries,
    bytes,
    bytesPerDirectedEdge: edges > 0 ? bytes / edges : 0,
    parts,
  };
}
