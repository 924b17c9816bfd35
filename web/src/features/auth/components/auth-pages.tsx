import { useId, useState, type FormEvent } from 'react';
import { AuthFrame } from '../../../ui/auth-frame.js';
import { Notice } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link, nextPath } from '../../../ui/router.js';
import { logIn, signUp } from '../api/auth.js';
import { withChallenge } from '../api/with-challenge.js';
import { ClosedAccountNotice, ReopenedAccountNotice } from './account-closure-notices.js';

const CHECKING = 'There have been many attempts on this account or from your network, so a quick automatic check runs first…';

/** Keeps `?next=` when switching between log-in and sign-up, so both return to the same place. */
function withNext(path: string): string {
  const next = nextPath();
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export function LogInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const [reopened, setReopened] = useState(false);
  const ids = { email: useId(), password: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await withChallenge((captcha) => logIn({ email, password, ...(captcha ? { captcha } : {}) }), () => setChecking(true));
      // A closing account opened again: say so before going on.
      if (answer.reopened) setReopened(true);
      else onSignedIn();
    } catch (caught) {
      setError(errorSentence(caught));
      setBusy(false);
    } finally {
      setChecking(false);
    }
  }

  if (reopened) return <ReopenedAccountNotice onContinue={onSignedIn} />;
  return (
    <AuthFrame title="Log in">
      <ClosedAccountNotice />
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.email}>Email</label>
          <input id={ids.email} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>Password</label>
          <input id={ids.password} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {checking ? <Notice>{CHECKING}</Notice> : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="auth-switch">
        New here? <Link to={withNext('/signup')}>Create an account</Link>
      </p>
    </AuthFrame>
  );
}

export function SignUpPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [name, setName] = useState('');
  const [headline, setHeadline] = useState('');
  // A mail invitation to join links to /signup?email=…&join=…: start from that address, and send the
  // token along: it proves the address, so the invitations waiting on it are yours at once.
  const [email, setEmail] = useState(() => new URLSearchParams(window.location.search).get('email') ?? '');
  const [joinToken] = useState(() => new URLSearchParams(window.location.search).get('join') ?? undefined);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const ids = { name: useId(), headline: useId(), email: useId(), password: useId(), passwordHelp: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await withChallenge((captcha) => signUp({ name, email, password, ...(headline.trim() ? { headline } : {}), ...(joinToken ? { joinToken } : {}), ...(captcha ? { captcha } : {}) }), () => setChecking(true));
      onSignedIn();
    } catch (caught) {
      setError(errorSentence(caught));
      setBusy(false);
    } finally {
      setChecking(false);
    }
  }

  return (
    <AuthFrame title="Create your account">
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.name}>Full name</label>
          <input id={ids.name} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.headline}>Headline (optional)</label>
          <input id={ids.headline} placeholder="e.g. Product designer at Northwind" value={headline} onChange={(e) => setHeadline(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>Email</label>
          <input id={ids.email} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>Password</label>
          <input
            id={ids.password}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            aria-describedby={ids.passwordHelp}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p className="hint" id={ids.passwordHelp}>
            At least 8 characters, hard to guess: not a common password, a pattern or your email address. A few unrelated words work well.
          </p>
        </div>
        {checking ? <Notice>{CHECKING}</Notice> : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-switch">
        Already a member? <Link to={withNext('/login')}>Log in</Link>
      </p>
    </AuthFrame>
  );
}
