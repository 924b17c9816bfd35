import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadAccount, logOut } from '../features/auth/api/auth.js';
import { LogInPage, SignUpPage } from '../features/auth/components/auth-pages.js';
import { PublicInviteLanding } from '../features/invite-link/components/invite-landing.js';
import type { Account } from '../ui/api-types.js';
import { Spinner } from '../ui/components.js';
import { ApiError, onUnauthorized } from '../ui/http.js';
import { firstRunAt, navigate, nextPath, useLocation } from '../ui/router.js';
import { SessionContext, type Session } from '../ui/session.js';
import { AppRoutes } from './routes.js';
import { Shell } from './shell.js';

type State = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; account: Account } | { kind: 'error'; message: string };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const location = useLocation();

  const refresh = useCallback(async () => {
    try {
      const account = await loadAccount();
      setState({ kind: 'signed-in', account });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'unauthorized') setState({ kind: 'signed-out' });
      else setState({ kind: 'error', message: 'Rapport could not be reached. Reload the page in a moment.' });
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthorized(() => setState({ kind: 'signed-out' }));
  }, [refresh]);

  const session = useMemo<Session | null>(() => (state.kind === 'signed-in' ? { account: state.account, refresh } : null), [state, refresh]);

  const signedIn = useCallback(
    (next = '/') => {
      void refresh().then(() => {
        const path = window.location.pathname;
        if (path === '/login' || path === '/signup') navigate(next, { replace: true });
      });
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    try {
      await logOut();
    } finally {
      setState({ kind: 'signed-out' });
      navigate('/login', { replace: true });
    }
  }, []);

  if (state.kind === 'loading') return <Spinner />;
  if (state.kind === 'error') return <p className="notice notice-error" role="alert">{state.message}</p>;
  if (state.kind === 'signed-out' || !session) {
    // A shared invite link shows who shared it before any sign-in; sign-up and log-in come back to it.
    const invite = /^\/invite\/([A-Za-z0-9_-]+)\/?$/.exec(location.path);
    if (invite) return <PublicInviteLanding key={invite[1]} token={invite[1]!} />;
    // A verification link opened signed out: log in first, then come back to it.
    if (location.path === '/verify-email') return <SignInFirst next={`${location.path}?${location.query.toString()}`} />;
    const next = nextPath(location.query);
    return location.path === '/signup' ? (
      <SignUpPage onSignedIn={() => signedIn(next ? firstRunAt(next) : '/welcome')} />
    ) : (
      <LogInPage onSignedIn={() => signedIn(next ?? '/')} />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Shell account={session.account} path={location.path} onSignOut={signOut}>
        <AppRoutes location={location} />
      </Shell>
    </SessionContext.Provider>
  );
}

/** Sends a signed-out visitor to log in, with `?next=` bringing them back here. */
function SignInFirst({ next }: { next: string }) {
  useEffect(() => navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true }), [next]);
  return <Spinner />;
}
