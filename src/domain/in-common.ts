/** A span of years on a profile (a position or a school); `to` null means "to this day". */
export interface YearSpan {
  from: number | null;
  to: number | null;
}

/** The years two spans share, or null when they share none or either start is unknown. */
export function yearOverlap(a: YearSpan, b: YearSpan, currentYear: number): { from: number; to: number | null } | null {
  if (a.from === null || b.from === null) return null;
  const from = Math.max(a.from, b.from);
  const to = a.to === null ? b.to : b.to === null ? a.to : Math.min(a.to, b.to);
  if ((to ?? currentYear) < from) return null;
  return { from, to };
}

export interface SharedPlace {
  name: string;
  overlap: { from: number; to: number | null } | null;
  /** Both gave their years there and they never overlapped: "at different times" is a fact, not a guess. */
  apart: boolean;
}

/** Both starts are known, so a missing overlap means they were there at different times. */
function yearsKnown(a: YearSpan, b: YearSpan): boolean {
  return a.from !== null && b.from !== null;
}

/**
 * Places (companies, schools) both members list, one entry per place (case-insensitive), with the
 * longest stretch of years they were there together; places they shared at the same time first.
 */
export function sharedPlaces(
  pairs: readonly { name: string; viewer: YearSpan; member: YearSpan }[],
  currentYear: number,
): SharedPlace[] {
  const byPlace = new Map<string, SharedPlace>();
  for (const pair of pairs) {
    const key = pair.name.toLowerCase();
    const overlap = yearOverlap(pair.viewer, pair.member, currentYear);
    const apart = overlap === null && yearsKnown(pair.viewer, pair.member);
    const known = byPlace.get(key);
    if (!known) byPlace.set(key, { name: pair.name, overlap, apart });
    else {
      if (overlap && (!known.overlap || spanLength(overlap, currentYear) > spanLength(known.overlap, currentYear))) known.overlap = overlap;
      known.apart = known.overlap === null && (known.apart || apart);
    }
  }
  return [...byPlace.values()].sort((x, y) => Number(y.overlap !== null) - Number(x.overlap !== null) || x.name.localeCompare(y.name));
}

function spanLength(span: { from: number; to: number | null }, currentYear: number): number {
  return (span.to ?? currentYear) - span.from;
}
