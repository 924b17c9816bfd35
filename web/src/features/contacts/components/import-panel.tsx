import { useId, useRef, useState, type FormEvent } from 'react';
import type { ImportReport } from '../../../ui/api-types.js';
import { Notice } from '../../../ui/components.js';
import { plural } from '../../../ui/format.js';
import { usePolicy } from '../../../ui/policy.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { importContacts } from '../api/contacts.js';

const FORMAT_NAMES: Record<ImportReport['format'], string> = {
  linkedin: 'a LinkedIn export',
  google: 'a Google Contacts export',
  outlook: 'an Outlook export',
  generic: 'a CSV file',
  vcard: 'a vCard file',
};

const REASONS: Record<string, string> = {
  missing_email: 'No email address',
  invalid_email: 'Not a valid email address',
  field_too_long: 'A field is too long',
  own_address: 'Your own address',
  already_imported: 'Already in your contacts',
  repeated_in_file: 'Repeated in this file',
};

/** Upload a contact file; the answer is a per-row report. Importing never sends anything. */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const ids = { file: useId(), help: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setError('Choose a file to import first.');
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const answer = await importContacts(file);
      setReport(answer.report);
      setFile(null);
      if (input.current) input.current.value = '';
      onImported();
    } catch (caught) {
      setError(errorSentence(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title">Import contacts</h2>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.file}>Contact file</label>
          <input
            id={ids.file}
            ref={input}
            type="file"
            className="file-input"
            accept=".csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard"
            aria-describedby={ids.help}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
            disabled={busy}
          />
          <p className="hint" id={ids.help}>
            A CSV exported from LinkedIn (Connections.csv), Google Contacts or Outlook, or a vCard (.vcf) file, up to 10 MB. Importing sends nothing: you
            choose whom to invite below.
          </p>
        </div>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <div className="actions left">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Importing…' : 'Import file'}
          </button>
        </div>
      </form>
      {report ? <ImportReportView report={report} /> : null}
    </section>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const parts = [
    `${plural(report.imported, 'new contact')} imported`,
    report.members > 0 ? `${report.members} already on Rapport` : null,
    report.duplicates > 0 ? `${plural(report.duplicates, 'duplicate')} skipped` : null,
    report.rejected > 0 ? `${plural(report.rejected, 'row')} could not be used` : null,
  ].filter(Boolean);
  return (
    <div className="import-report" data-testid="import-report">
      <Notice kind={report.imported > 0 ? 'success' : 'warning'}>
        <strong>
          Read {plural(report.rows, 'row')} from {FORMAT_NAMES[report.format]}.
        </strong>{' '}
        {parts.join(' · ')}.
      </Notice>
      {report.memberMatchesLeft === 0 ? <MatchesUsedNote /> : null}
      {report.problems.length > 0 ? (
        <details className="problems" open={report.problems.length <= 10}>
          <summary>
            {plural(report.problems.length, 'row')} not imported{report.problemsTruncated ? ' (the first 1,000 are listed)' : ''}
          </summary>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Rows not imported">
            <table className="policy problems-table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Why</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((problem) => (
                  <tr key={`${problem.row}-${problem.reason}-${problem.value ?? ''}`}>
                    <td>{problem.row}</td>
                    <td>{REASONS[problem.reason] ?? problem.reason}</td>
                    <td>{problem.value ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </div>
  );
}

/**
 * Member matches are shown at most `contactMembersShownPerDay` a day, so an uploaded list cannot be
 * used to find out who is a member: say so when today's are used up, or the list looks incomplete.
 */
function MatchesUsedNote() {
  const policy = usePolicy();
  const perDay = policy?.raw.contactMembersShownPerDay;
  return (
    <p className="muted small" data-testid="member-matches-used">
      You have seen today's {typeof perDay === 'number' ? `${perDay.toLocaleString('en')} ` : ''}matches with members. To keep address lists from being used to
      find out who is here, other contacts who are members appear over the next 24 hours. You can invite any contact meanwhile.
    </p>
  );
}
