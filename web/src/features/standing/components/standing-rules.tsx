import type { Standing } from '../../../ui/api-types.js';
import { Meter, Notice } from '../../../ui/components.js';
import { acceptanceRuleSentence, acceptanceSummary, acceptanceWarning, percent, reportsWarning } from './standing-text.js';

/** A warning before a rule restricts the member, one notice per rule that is close. */
export function StandingWarnings({ standing }: { standing: Standing }) {
  if (standing.restricted || standing.warnings.length === 0) return null;
  const { reports, acceptance } = standing.rules;
  return (
    <div data-testid="standing-warnings">
      {reports.warning ? (
        <Notice kind="warning">
          <strong>Close to a restriction.</strong> <span data-testid="warning-reports">{reportsWarning(reports)}</span>
        </Notice>
      ) : null}
      {acceptance?.warning ? (
        <Notice kind="warning">
          <strong>Close to a restriction.</strong> <span data-testid="warning-acceptance">{acceptanceWarning(acceptance)}</span>
        </Notice>
      ) : null}
    </div>
  );
}

/** Every rule that can restrict the member, each with its numbers now and its limit. */
export function StandingRules({ standing }: { standing: Standing }) {
  const { reports, acceptance } = standing.rules;
  return (
    <section className="panel" aria-labelledby="rules-title" data-testid="standing-rules">
      <h2 id="rules-title">What can restrict your invitations</h2>
      <div className="stack">
        <Meter
          label="“I don't know this person” and spam reports"
          used={reports.count}
          limit={reports.threshold}
          hint={`When reports reach ${reports.threshold}, your account is restricted. The count starts again after a restriction is lifted.`}
        />
        {acceptance ? (
          <div className="meter" data-testid="acceptance-rule" data-warn={acceptance.warning ? 'true' : 'false'}>
            <div className="meter-head">
              <span>Invitations accepted</span>
              <span className="meter-value" data-testid="acceptance-value">
                {acceptance.rate === null ? 'no answers yet' : `${acceptance.accepted} of ${acceptance.decided} · ${percent(acceptance.rate)}`}
              </span>
            </div>
            <div className="meter-hint">
              {acceptanceSummary(acceptance)} {acceptanceRuleSentence(acceptance)}
            </div>
          </div>
        ) : null}
        <p className="muted">
          Recipients report an invitation when they do not recognise the sender, and ignore or decline ones they do not want. Invite people you actually know
          and say how you know them.
        </p>
      </div>
    </section>
  );
}
