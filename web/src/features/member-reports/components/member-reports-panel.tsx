import { useEffect, useState } from 'react';
import { MemberLine, Notice, Spinner } from '../../../ui/components.js';
import { formatDate, plural } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { listMemberReports, type QueuedMemberReport } from '../api/member-reports.js';
import { REPORT_REASON_TEXT, REPORT_SOURCE_TEXT } from './report-reasons.js';

/** The admin queue's reports of members made outside invitations, newest first. */
export function MemberReportsPanel() {
  const [items, setItems] = useState<QueuedMemberReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listMemberReports()
      .then((answer) => setItems(answer.items))
      .catch((caught) => setError(errorSentence(caught)));
  }, []);

  return (
    <section className="panel" aria-labelledby="member-reports-title">
      <h2 id="member-reports-title">Reported members</h2>
      <p className="muted small">Reports made from a profile or a conversation. Use the member's standing and profile to decide; lift or grant as usual.</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null && !error ? (
        <Spinner />
      ) : items && items.length === 0 ? (
        <p className="muted">No member has been reported.</p>
      ) : (
        <ul className="cards" data-testid="member-reports">
          {(items ?? []).map((item) => (
            <li key={item.id} className="card row" data-testid="member-report">
              <MemberLine
                member={item.member}
                extra={
                  <div className="muted small">
                    <strong>{REPORT_REASON_TEXT[item.reason].label}</strong> · by {item.reporter.name} {REPORT_SOURCE_TEXT[item.source]} on {formatDate(item.createdAt)} ·{' '}
                    {plural(item.memberReportCount, 'report')} in all
                  </div>
                }
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
