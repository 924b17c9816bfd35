import { useCallback, useEffect, useState } from 'react';
import { Notice } from '../../../ui/components.js';
import { formatDateTime, plural } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { loadDataExport, requestDataExport, type DataExport, type DataExportState } from '../api/data-export.js';

/** How often the screen asks for progress while the archive is being made. */
const POLL_MS = 1500;

function megabytes(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What the screen says about the latest archive. */
export function dataExportSentence(archive: DataExport): string {
  switch (archive.status) {
    case 'queued':
      return 'Your archive is waiting to be made. You can leave this page: we will tell you when it is ready.';
    case 'building':
      return archive.rowsTotal === null ? 'Gathering your data…' : `Writing your data: ${archive.rowsWritten} of ${plural(archive.rowsTotal, 'item')}.`;
    case 'ready':
      return `Your archive is ready (${megabytes(archive.sizeBytes)}). It can be downloaded once, until ${formatDateTime(archive.expiresAt)}; then it is deleted.`;
    case 'downloaded':
      return `You downloaded your archive on ${formatDateTime(archive.finishedAt)}, and it was deleted from Rapport. You can ask for a new one at any time.`;
    case 'expired':
      return 'Your last archive was not downloaded in time and was deleted. You can ask for a new one.';
    case 'failed':
      return 'Your archive could not be made. Please ask again; if it fails again, contact the administrators.';
  }
}

/** "Your data" on the settings screen: ask for an archive of everything Rapport holds about you, follow its progress, download it. */
export function YourDataPanel() {
  const [state, setState] = useState<DataExportState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setState(await loadDataExport());
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const archive = state?.export ?? null;
  const working = archive?.status === 'queued' || archive?.status === 'building';
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [working, refresh]);

  async function ask() {
    setAsking(true);
    setError(null);
    try {
      const answer = await requestDataExport();
      setState((old) => ({ files: old?.files ?? [], export: answer.export }));
    } catch (caught) {
      setError(errorSentence(caught));
    } finally {
      setAsking(false);
    }
  }

  const canAsk = !archive || archive.status === 'downloaded' || archive.status === 'expired' || archive.status === 'failed';
  return (
    <section className="panel" id="your-data" aria-labelledby="your-data-title" data-testid="your-data">
      <h2 id="your-data-title">Your data</h2>
      <p className="hint">
        Download a copy of everything Rapport keeps about you: your profile, connections, invitations, messages, contacts and more, as a ZIP of JSON files with
        spreadsheet (CSV) copies of your lists. We make it in the background and tell you by notification and email when it is ready.
      </p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {archive ? (
        <div data-testid="data-export-status" data-status={archive.status}>
          <p aria-live="polite">{dataExportSentence(archive)}</p>
          {working ? (
            <progress max={100} value={archive.percent} aria-label="Progress of your archive" data-testid="data-export-progress">
              {archive.percent}%
            </progress>
          ) : null}
          {archive.status === 'ready' && archive.downloadUrl ? (
            <p>
              <a className="button" href={archive.downloadUrl} download data-testid="data-export-download" onClick={() => setTimeout(() => void refresh(), 2000)}>
                Download your data
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      {canAsk ? (
        <button type="button" className="button secondary" disabled={asking} onClick={() => void ask()} data-testid="data-export-request">
          {archive ? 'Ask for a new archive' : 'Ask for your data'}
        </button>
      ) : null}
      {state && state.files.length > 0 ? (
        <details>
          <summary>What is in the archive</summary>
          <ul className="small" data-testid="data-export-files">
            {state.files.map((file) => (
              <li key={file.name}>
                <code>{file.name}</code> — {file.about}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
