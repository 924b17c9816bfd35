import { useId, useState, type FormEvent } from 'react';
import { Dialog, Notice } from '../../../ui/components.js';
import { plural } from '../../../ui/format.js';
import { usePolicy } from '../../../ui/policy.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { closeAccount } from '../api/close-account.js';

/** The policy's `closeGraceDays` when the server sends none (an older server): its default. */
const DEFAULT_GRACE_DAYS = 14;

/**
 * Close your account: a panel on the settings page, and a confirmation that says what will happen
 * and asks for the password. Once closed the session ends, and the sign-in page says how to reopen.
 */
export function CloseAccountPanel() {
  const policy = usePolicy();
  const graceDays = typeof policy?.raw.closeGraceDays === 'number' ? policy.raw.closeGraceDays : DEFAULT_GRACE_DAYS;
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { closing } = await closeAccount(password);
      // The session ended with the account: a fresh page load lands on the sign-in page, which says how to reopen.
      window.location.assign(`/login?closed=${encodeURIComponent(closing.eraseAfter)}`);
    } catch (caught) {
      setError(errorSentence(caught));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="close-account-title" id="close-account">
      <h2 id="close-account-title">Close your account</h2>
      <p className="hint">
        Leave Rapport. You have {plural(graceDays, 'day')} to change your mind by signing in again; after that everything about you is erased.
      </p>
      <button type="button" className="button danger" onClick={() => setConfirming(true)} data-testid="close-account-start">
        Close my account…
      </button>
      {confirming ? (
        <Dialog title="Close your account?" open onClose={() => setConfirming(false)}>
          <div data-testid="close-account-confirm">
            <p>When you close your account:</p>
            <ul>
              <li>Nobody can find you, see your profile or write to you any more.</li>
              <li>Invitations you sent are withdrawn and those you received are declined. Nobody is told.</li>
              <li>Your connections, follows, blocks, imported contacts and sign-ins are removed. Introductions under way end.</li>
              <li>Messages you sent stay with the people you wrote to, signed “A former member”.</li>
              <li>
                Sign in within <strong data-testid="close-account-grace">{plural(graceDays, 'day')}</strong> to reopen your account (removed connections do not come back). After
                that, your account and everything that names you are erased.
              </li>
              <li>If your account was restricted, a new account with the same email address starts restricted for a while.</li>
            </ul>
            <form className="stack" onSubmit={submit}>
              <div className="field">
                <label htmlFor={passwordId}>Your password</label>
                <input id={passwordId} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
              </div>
              {error ? <Notice kind="error">{error}</Notice> : null}
              <div className="actions">
                <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
                  Keep my account
                </button>
                <button type="submit" className="button danger" disabled={busy || !password} data-testid="close-account-submit">
                  {busy ? 'Closing…' : 'Close my account'}
                </button>
              </div>
            </form>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
