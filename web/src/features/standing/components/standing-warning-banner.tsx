import type { Standing } from '../../../ui/api-types.js';
import { Link } from '../../../ui/router.js';

/** On every screen while a rule is close to restricting the member: what is close, and where to read more. */
export function StandingWarningBanner({ standing }: { standing: Standing }) {
  if (standing.restricted || standing.warnings.length === 0) return null;
  const { reports, acceptance } = standing.rules;
  const parts: string[] = [];
  if (reports.warning) parts.push(`${reports.count} of ${reports.threshold} reports`);
  if (acceptance?.warning) parts.push(`${acceptance.accepted} of your last ${acceptance.decided} answered invitations accepted`);
  return (
    <div className="restriction-banner" role="region" aria-label="Close to a restriction" data-testid="standing-warning-banner">
      <div className="container">
        <strong>Your invitations are close to a restriction</strong> ({parts.join('; ')}). <Link to="/standing">See your standing</Link>
      </div>
    </div>
  );
}
