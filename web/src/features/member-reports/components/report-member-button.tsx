import { useId, useState, type FormEvent } from 'react';
import type { MemberSummary } from '../../../ui/api-types.js';
import { Dialog, DialogDone, Notice } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { navigate } from '../../../ui/router.js';
import { reportMember, type MemberReportReason, type MemberReportSource } from '../api/member-reports.js';
import { REPORT_REASON_TEXT } from './report-reasons.js';

const REASONS = Object.keys(REPORT_REASON_TEXT) as MemberReportReason[];

/** "Report" on a profile or a conversation: a reason, optionally a block, sent to the administrators. */
export function ReportMemberButton({ member, source }: { member: Pick<MemberSummary, 'id' | 'name'>; source: MemberReportSource }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<MemberReportReason | null>(null);
  const [block, setBlock] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ blocked: boolean } | null>(null);
  const ids = { reason: useId(), block: useId() };
  const firstName = member.name.split(/\s+/)[0] ?? member.name;

  function close() {
    setOpen(false);
    // A blocked member's profile and conversation are gone for you.
    if (done?.blocked) navigate('/');
    setDone(null);
    setReason(null);
    setBlock(false);
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await reportMember(member.id, { reason, source, block });
      setDone({ blocked: answer.blocked });
    } catch (caught) {
      setError(errorSentence(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button link small" onClick={() => setOpen(true)} data-testid="report-member">
        Report
      </button>
      {open ? (
        <Dialog title={`Report ${member.name}`} open onClose={close}>
          {done ? (
            <DialogDone onClose={close}>
              Thank you. An administrator will review your report; {firstName} is not told who reported them.
              {done.blocked ? ` You have also blocked ${firstName}.` : ''}
            </DialogDone>
          ) : (
            <form className="stack" onSubmit={submit} noValidate>
              <fieldset className="radios">
                <legend className="label">What is wrong?</legend>
                {REASONS.map((value) => (
                  <label key={value} className="radio">
                    <input type="radio" name={ids.reason} value={value} checked={reason === value} onChange={() => setReason(value)} disabled={busy} />
                    <span>
                      <span className="radio-label">{REPORT_REASON_TEXT[value].label}</span>
                      <span className="hint">{REPORT_REASON_TEXT[value].hint}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
              <label className="check" htmlFor={ids.block}>
                <input id={ids.block} type="checkbox" checked={block} onChange={(e) => setBlock(e.target.checked)} disabled={busy} />
                Also block {firstName}: you will no longer see each other, and any connection or invitation between you ends.
              </label>
              <p className="hint">Reports go to the administrators. {firstName} is not told.</p>
              {error ? <Notice kind="error">{error}</Notice> : null}
              <div className="actions">
                <button type="button" className="button secondary" onClick={close} disabled={busy}>
                  Cancel
                </button>
                <button type="submit" className="button" disabled={busy || !reason}>
                  {busy ? 'Sending…' : 'Send report'}
                </button>
              </div>
            </form>
          )}
        </Dialog>
      ) : null}
    </>
  );
}
