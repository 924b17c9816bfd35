import { useEffect, useId, useState, type FormEvent } from 'react';
import type { HowWeMet, InCommon, MemberSummary } from '../api-types.js';
import { Dialog, DialogDone, Notice } from '../components.js';
import { countGraphemes, HOW_WE_MET_LABELS } from '../format.js';
import { ApiError } from '../http.js';
import { inCommonHints } from '../in-common.js';
import { usePolicy } from '../policy.js';
import { problemSentence } from '../problem-text.js';
import { isAltchaChallenge, type AltchaChallenge } from './altcha.js';
import { PersonCheck } from './person-check.js';
import { sendInvitation, type SendInvitationAnswer } from './send-invitation.js';
import { clearNoteDraft, readNoteDraft, saveNoteDraft } from './note-draft.js';

/** Used only until GET /policy answers; a `note_too_long` answer also carries the real limit. */
const FALLBACK_NOTE_MAX = 300;
const FALLBACK_MESSAGE = "I'd like to add you to my professional network.";

const GENERIC_NOTES = [/^hi[,!.]?$/i, /^hello[,!.]?$/i, /add you to my (professional )?network/i, /^let'?s connect[.!]?$/i];

function etiquetteHints(note: string, howWeMet: string, defaultMessage: string): string[] {
  const hints: string[] = [];
  const trimmed = note.trim();
  if (!howWeMet) hints.push('Say how you know them: people accept invitations from someone they can place.');
  if (trimmed === '' || trimmed === defaultMessage) hints.push('Make the message your own: a personal note is accepted far more often than the default one.');
  else if (GENERIC_NOTES.some((pattern) => pattern.test(trimmed)) || countGraphemes(trimmed) < 25)
    hints.push('Your note reads as generic. Mention where you met or why you want to connect.');
  return hints;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'challenged'; challenge: AltchaChallenge }
  | { kind: 'done'; answer: SendInvitationAnswer; solved: boolean };

export function ConnectDialog({
  member,
  requiresEmail,
  open,
  onClose,
  onSent,
  inCommon,
  reportsToYou = false,
}: {
  member: MemberSummary;
  requiresEmail: boolean;
  /** The member names you as their manager: a hint, since inviting direct reports is usually unwelcome. */
  reportsToYou?: boolean;
  /** What the two share, shown as ideas for the note (from the profile answer). */
  inCommon?: InCommon | undefined;
  open: boolean;
  onClose: () => void;
  onSent: (answer: SendInvitationAnswer) => void;
}) {
  // A note started earlier in this tab (before Back or a reload) comes back.
  const [restored] = useState(() => readNoteDraft(member.id));
  const [howWeMet, setHowWeMet] = useState<HowWeMet | ''>((restored?.howWeMet ?? '') as HowWeMet | '');
  // The default message, pre-filled once the policy is known, for the member to adjust (null: untouched).
  const [edited, setEdited] = useState<string | null>(restored?.note ?? null);
  const [email, setEmail] = useState('');
  const [showEmail, setShowEmail] = useState(requiresEmail);
  const policy = usePolicy();
  const [refusedMax, setRefusedMax] = useState<number | null>(null);
  const noteMax = refusedMax ?? policy?.noteMaxLength ?? FALLBACK_NOTE_MAX;
  const defaultMessage = policy?.defaultInvitationMessage ?? FALLBACK_MESSAGE;
  const note = edited ?? defaultMessage;
  const personal = note.trim() !== '' && note.trim() !== defaultMessage;
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  useEffect(() => {
    if (edited !== null || howWeMet) saveNoteDraft(member.id, { note: edited, howWeMet });
  }, [member.id, edited, howWeMet]);
  // A reload or closing the tab asks first while a note of your own is unsent (Back keeps it as a draft).
  useEffect(() => {
    if (!open || !personal || phase.kind === 'done') return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [open, personal, phase.kind]);
  const cancel = () => {
    clearNoteDraft(member.id);
    onClose();
  };
  const ids = { how: useId(), note: useId(), counter: useId(), noteHelp: useId(), email: useId(), emailHelp: useId(), common: useId() };
  const shared = inCommon ? inCommonHints(inCommon, { withMutuals: true }) : [];

  const length = countGraphemes(note);
  const over = length > noteMax;
  const busy = phase.kind === 'sending';
  const hints = etiquetteHints(note, howWeMet, defaultMessage);
  const firstName = member.name.split(/\s+/)[0] ?? member.name;

  async function attempt(captcha?: string): Promise<void> {
    const input = {
      recipientId: member.id,
      // The default message unchanged is sent as no note: the recipient sees the same words.
      ...(personal ? { note } : {}),
      ...(howWeMet ? { howWeMet } : {}),
      ...(showEmail && email.trim() ? { email: email.trim() } : {}),
      ...(captcha ? { captcha } : {}),
    };
    try {
      const answer = await sendInvitation(input);
      clearNoteDraft(member.id);
      setPhase({ kind: 'done', answer, solved: captcha !== undefined });
      onSent(answer);
    } catch (caught) {
      if (!(caught instanceof ApiError)) {
        setPhase({ kind: 'idle' });
        setError('Something went wrong. Try again in a moment.');
        return;
      }
      const problem = caught.problem;
      if ((problem.code === 'captcha_required' || (problem.code === 'captcha_invalid' && captcha)) && isAltchaChallenge(problem.challenge)) {
        setError(problem.code === 'captcha_invalid' ? 'That check has expired. Please do it once more.' : null);
        setPhase({ kind: 'challenged', challenge: problem.challenge });
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
                Sent after you confirmed you are a person.
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
          {reportsToYou ? (
            <Notice kind="warning">
              <span data-testid="reports-to-you">{firstName} reports to you. Many people would rather not be connected with their manager: invite only if you know they would welcome it.</span>
            </Notice>
          ) : null}
          <div className="field">
            <label htmlFor={ids.note}>Message</label>
            {restored?.note ? (
              <p className="hint" data-testid="draft-restored">
                The note you started is back.
              </p>
            ) : null}
            <textarea
              id={ids.note}
              rows={5}
              value={note}
              onChange={(e) => setEdited(e.target.value)}
              aria-describedby={`${ids.counter} ${ids.noteHelp}`}
              aria-invalid={over}
              disabled={busy}
            />
            <div className={`counter${over ? ' over' : ''}`} id={ids.counter} aria-live="polite" data-testid="note-counter">
              {length} / {noteMax} characters{over ? ` — ${length - noteMax} too many` : ''}
            </div>
            <p className="hint" id={ids.noteHelp}>
              {personal ? (
                <>
                  Your own words.{' '}
                  <button type="button" className="button link small" onClick={() => setEdited(null)} disabled={busy}>
                    Use the default message
                  </button>
                </>
              ) : (
                `This is the default message. Edit it to say why you want to connect with ${firstName}.`
              )}
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
          {phase.kind === 'challenged' ? <PersonCheck key={phase.challenge.signature} challenge={phase.challenge} onPassed={(captcha) => {
                setPhase({ kind: 'sending' });
                void attempt(captcha);
              }}
            /> : null}
          <div className="actions">
            <button type="button" className="button secondary" onClick={cancel} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={busy || over || phase.kind === 'challenged'}>
              {phase.kind === 'sending' ? 'Sending…' : 'Send invitation'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
