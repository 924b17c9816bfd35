import { useId, useState, type FormEvent } from 'react';
import type { HowWeMet, InCommon, MemberSummary } from '../api-types.js';
import { Dialog, DialogDone, Notice } from '../components.js';
import { countGraphemes, HOW_WE_MET_LABELS } from '../format.js';
import { ApiError } from '../http.js';
import { inCommonHints } from '../in-common.js';
import { usePolicy } from '../policy.js';
import { problemSentence } from '../problem-text.js';
import { isAltchaChallenge, solveAltcha } from './altcha.js';
import { sendInvitation, type SendInvitationAnswer } from './send-invitation.js';

/** Used only until GET /policy answers; a `note_too_long` answer also carries the real limit. */
const FALLBACK_NOTE_MAX = 300;
const FALLBACK_MESSAGE = "I'd like to add you to my professional network.";

const GENERIC_NOTES = [/^hi[,!.]?$/i, /^hello[,!.]?$/i, /add you to my (professional )?network/i, /^let'?s connect[.!]?$/i];

function etiquetteHints(note: string, howWeMet: string): string[] {
  const hints: string[] = [];
  const trimmed = note.trim();
  if (!howWeMet) hints.push('Say how you know them: people accept invitations from someone they can place.');
  if (trimmed === '') hints.push('A short personal note is accepted far more often than the default message.');
  else if (GENERIC_NOTES.some((pattern) => pattern.test(trimmed)) || countGraphemes(trimmed) < 25)
    hints.push('Your note reads as generic. Mention where you met or why you want to connect.');
  return hints;
}

type Phase = { kind: 'idle' } | { kind: 'sending' } | { kind: 'solving'; tried: number } | { kind: 'done'; answer: SendInvitationAnswer; solved: boolean };

export function ConnectDialog({
  member,
  requiresEmail,
  open,
  onClose,
  onSent,
  inCommon,
}: {
  member: MemberSummary;
  requiresEmail: boolean;
  /** What the two share, shown as ideas for the note (from the profile answer). */
  inCommon?: InCommon | undefined;
  open: boolean;
  onClose: () => void;
  onSent: (answer: SendInvitationAnswer) => void;
}) {
  const [howWeMet, setHowWeMet] = useState<HowWeMet | ''>('');
  const [note, setNote] = useState('');
  const [email, setEmail] = useState('');
  const [showEmail, setShowEmail] = useState(requiresEmail);
  const policy = usePolicy();
  const [refusedMax, setRefusedMax] = useState<number | null>(null);
  const noteMax = refusedMax ?? policy?.noteMaxLength ?? FALLBACK_NOTE_MAX;
  const defaultMessage = policy?.defaultInvitationMessage ?? FALLBACK_MESSAGE;
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const ids = { how: useId(), note: useId(), counter: useId(), noteHelp: useId(), email: useId(), emailHelp: useId(), common: useId() };
  const shared = inCommon ? inCommonHints(inCommon, { withMutuals: true }) : [];

  const length = countGraphemes(note);
  const over = length > noteMax;
  const busy = phase.kind === 'sending' || phase.kind === 'solving';
  const hints = etiquetteHints(note, howWeMet);
  const firstName = member.name.split(/\s+/)[0] ?? member.name;

  async function attempt(captcha?: string): Promise<void> {
    const input = {
      recipientId: member.id,
      ...(note.trim() ? { note } : {}),
      ...(howWeMet ? { howWeMet } : {}),
      ...(showEmail && email.trim() ? { email: email.trim() } : {}),
      ...(captcha ? { captcha } : {}),
    };
    try {
      const answer = await sendInvitation(input);
      setPhase({ kind: 'done', answer, solved: captcha !== undefined });
      onSent(answer);
    } catch (caught) {
      if (!(caught instanceof ApiError)) {
        setPhase({ kind: 'idle' });
        setError('Something went wrong. Try again in a moment.');
        return;
      }
      const problem = caught.problem;
      if (problem.code === 'captcha_required' && !captcha && isAltchaChallenge(problem.challenge)) {
        setPhase({ kind: 'solving', tried: 0 });
        const solved = await solveAltcha(problem.challenge, (tried) => setPhase({ kind: 'solving', tried }));
        if (solved) return attempt(solved);
        setPhase({ kind: 'idle' });
        setError('The automatic check could not be completed. Try again.');
        return;
      }
      if (problem.code === 'email_required' || problem.code === 'not_eligible') setShowEmail(true);
      if (problem.code === 'note_too_long' && typeof problem.max === 'number') setRefusedMax(problem.max);
      setPhase({ kind: 'idle' });
      setError(problemSentence(problem));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || over) return;
    if (showEmail && !email.trim()) {
      setError(`Enter ${firstName}'s email address to send this invitation.`);
      return;
    }
    setError(null);
    setPhase({ kind: 'sending' });
    void attempt();
  }

  return (
    <Dialog title={`Invite ${member.name} to connect`} open={open} onClose={onClose}>
      {phase.kind === 'done' ? (
        <DialogDone
          onClose={onClose}
          more={
            phase.solved ? (
              <p className="muted" data-testid="captcha-status">
                Sent after passing the automatic check.
              </p>
            ) : null
          }
        >
          {phase.answer.connected ? `${member.name} had already invited you, so you are now connected.` : `Invitation sent. ${firstName} will see it in their invitations.`}
        </DialogDone>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          {shared.length > 0 ? (
            <div className="in-common-box" data-testid="connect-in-common">
              <h3 id={ids.common}>What you have in common</h3>
              <ul className="in-common" aria-labelledby={ids.common}>
                {shared.map((hint) => (
                  <li key={hint}>{hint}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={ids.how}>How do you know {firstName}?</label>
            <select id={ids.how} value={howWeMet} onChange={(e) => setHowWeMet(e.target.value as HowWeMet | '')} disabled={busy}>
              <option value="">Choose…</option>
              {Object.entries(HOW_WE_MET_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.note}>Personal note (optional)</label>
            <textarea
              id={ids.note}
              rows={5}
              value={note}
              placeholder={defaultMessage}
              onChange={(e) => setNote(e.target.value)}
              aria-describedby={`${ids.counter} ${ids.noteHelp}`}
              aria-invalid={over}
              disabled={busy}
            />
            <div className={`counter${over ? ' over' : ''}`} id={ids.counter} aria-live="polite" data-testid="note-counter">
              {length} / {noteMax} characters{over ? ` — ${length - noteMax} too many` : ''}
            </div>
            <p className="hint" id={ids.noteHelp}>
              Left empty, {firstName} sees the default message: “{defaultMessage}”
            </p>
          </div>
          {showEmail ? (
            <div className="field">
              <label htmlFor={ids.email}>{firstName}'s email address</label>
              <input
                id={ids.email}
                type="email"
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-describedby={ids.emailHelp}
                disabled={busy}
              />
              <p className="hint" id={ids.emailHelp}>
                Needed when you are outside their network, when they only accept people who know their address, or while your account is
                restricted. It is only used to check that you know them.
              </p>
            </div>
          ) : null}
          {hints.length > 0 ? (
            <ul className="hints" aria-label="Tips">
              {hints.map((hint) => (
                <li key={hint}>{hint}</li>
              ))}
            </ul>
          ) : null}
          {error ? <Notice kind="error">{error}</Notice> : null}
          {phase.kind === 'solving' ? (
            <Notice kind="info">
              <span data-testid="captcha-solving">
                Running a quick automatic check before sending… ({phase.tried.toLocaleString('en')} tries)
              </span>
            </Notice>
          ) : null}
          <div className="actions">
            <button type="button" className="button secondary" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={busy || over}>
              {phase.kind === 'sending' ? 'Sending…' : phase.kind === 'solving' ? 'Checking…' : 'Send invitation'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
