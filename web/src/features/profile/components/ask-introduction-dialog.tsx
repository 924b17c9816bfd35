import { useId, useState, type FormEvent } from 'react';
import type { MemberSummary } from '../../../ui/api-types.js';
import { Dialog, DialogDone, Notice } from '../../../ui/components.js';
import { countGraphemes } from '../../../ui/format.js';
import { lengthCap, usePolicy } from '../../../ui/policy.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { askForIntroduction } from '../api/profile.js';

const first = (name: string) => name.split(/\s+/)[0] ?? name;

/**
 * Ask a mutual connection to introduce you to a 2nd-degree member: one message for the
 * introducer (why you ask), one the target reads if the introducer forwards it.
 */
export function AskIntroductionDialog({ target, mutuals, onClose }: { target: MemberSummary; mutuals: MemberSummary[]; onClose: () => void }) {
  const [introducerId, setIntroducerId] = useState(mutuals.length === 1 ? mutuals[0]!.id : '');
  const [toIntroducer, setToIntroducer] = useState('');
  const [toTarget, setToTarget] = useState('');
  const messageMax = lengthCap(usePolicy(), 'introductionNoteMaxLength');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<MemberSummary | null>(null);
  const ids = { who: useId(), toIntroducer: useId(), toTarget: useId(), targetHelp: useId() };
  const introducer = mutuals.find((m) => m.id === introducerId) ?? null;
  const targetFirst = first(target.name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!introducer) return setError('Choose who should introduce you.');
    if (!toIntroducer.trim() || !toTarget.trim()) return setError('Write both messages: one for your connection, one for ' + targetFirst + '.');
    if (countGraphemes(toIntroducer) > messageMax || countGraphemes(toTarget) > messageMax) return setError(`Keep each message to ${messageMax} characters.`);
    setBusy(true);
    setError(null);
    try {
      await askForIntroduction({ introducerId: introducer.id, targetId: target.id, messageToIntroducer: toIntroducer, messageToTarget: toTarget });
      setDone(introducer);
    } catch (caught) {
      setError(errorSentence(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Ask for an introduction to ${target.name}`} open onClose={onClose}>
      {done ? (
        <DialogDone onClose={onClose}>
          Request sent. {first(done.name)} decides whether to forward it to {targetFirst}; <Link to="/introductions?tab=requester">follow it under Introductions</Link>.
        </DialogDone>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <fieldset className="radios">
            <legend className="label">Who should introduce you?</legend>
            {mutuals.map((mutual) => (
              <label key={mutual.id} className="radio">
                <input type="radio" name={ids.who} value={mutual.id} checked={introducerId === mutual.id} onChange={() => setIntroducerId(mutual.id)} disabled={busy} />
                <span>
                  <span className="radio-label">{mutual.name}</span>
                  {mutual.headline ? <span className="hint">{mutual.headline}</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={ids.toIntroducer}>Your message to {introducer ? first(introducer.name) : 'your connection'}</label>
            <textarea
              id={ids.toIntroducer}
              rows={3}
              value={toIntroducer}
              onChange={(e) => setToIntroducer(e.target.value)}
              placeholder={`Why you would like to meet ${targetFirst}`}
              disabled={busy}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.toTarget}>Your message to {targetFirst}</label>
            <textarea
              id={ids.toTarget}
              rows={3}
              value={toTarget}
              onChange={(e) => setToTarget(e.target.value)}
              aria-describedby={ids.targetHelp}
              disabled={busy}
            />
            <p className="hint" id={ids.targetHelp}>
              {targetFirst} reads it only if your connection forwards your request. Your message to your connection stays between the two of you.
            </p>
          </div>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <div className="actions">
            <button type="button" className="button secondary" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Sending…' : 'Ask for the introduction'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
