import type { InCommon } from './api-types.js';
import { plural } from './format.js';

type Overlap = InCommon['companies'][number]['overlap'];

function years(overlap: Overlap): string {
  if (!overlap) return '';
  if (overlap.to === null) return ` (since ${overlap.from})`;
  return overlap.from === overlap.to ? ` (in ${overlap.from})` : ` (${overlap.from}–${overlap.to})`;
}

/** "What you have in common" as short sentences, most telling first; empty when nothing is shared. */
export function inCommonHints(inCommon: InCommon, options: { withMutuals?: boolean } = {}): string[] {
  const hints: string[] = [];
  // "At different times" only when both gave years that never met; with a year missing, nothing is claimed about when.
  const when = (place: InCommon['companies'][number]) => (place.overlap ? years(place.overlap) : place.apart ? ', at different times' : '');
  for (const company of inCommon.companies) {
    hints.push(company.overlap ? `You both worked at ${company.name}${when(company)}` : `You have both worked at ${company.name}${when(company)}`);
  }
  for (const school of inCommon.schools) {
    hints.push(school.overlap ? `You both studied at ${school.name}${when(school)}` : `You have both studied at ${school.name}${when(school)}`);
  }
  for (const group of inCommon.groups) hints.push(`You are both in the group ${group.name}`);
  if (inCommon.skills.length > 0) {
    const shown = inCommon.skills.slice(0, 4).join(', ');
    const rest = inCommon.skills.length - 4;
    hints.push(`Skills you share: ${shown}${rest > 0 ? ` and ${rest} more` : ''}`);
  }
  if (options.withMutuals && inCommon.mutualConnections > 0) hints.push(`${plural(inCommon.mutualConnections, 'mutual connection')}`);
  return hints;
}

/** The hints as a list; renders nothing when the two share nothing. */
export function InCommonList({ inCommon, withMutuals = false, className = 'in-common' }: { inCommon: InCommon; withMutuals?: boolean; className?: string }) {
  const hints = inCommonHints(inCommon, { withMutuals });
  if (hints.length === 0) return null;
  return (
    <ul className={className} data-testid="in-common">
      {hints.map((hint) => (
        <li key={hint}>{hint}</li>
      ))}
    </ul>
  );
}
