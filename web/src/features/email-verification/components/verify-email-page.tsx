import { useEffect, useRef, useState } from 'react';
import { Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { ApiError } from '../../../ui/http.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link, navigate } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { verifyEmail } from '../api/verification.js';
import { ResendVerification } from './unverified-notice.js';

type Outcome = { kind: 'working' } | { kind: 'verified'; converted: number } | { kind: 'failed'; message: string; canResend: boolean };

/** What the API said about a refused link, as a sentence (its detail names the field: drop that). */
function refusalSentence(caught: unknown): string {
  if (caught instanceof ApiError && caught.code === 'validation_failed' && caught.problem.detail) {
    const detail = caught.problem.detail.replace(/^token:\s*/, '');
    return detail.charAt(0).toUpperCase() + detail.slice(1);
  }
  return errorSentence(caught);
}

/** `/verify-email?token=`: the verification mail's link. Posts the token once and says what happened. */
export function VerifyEmailPage({ token }: { token: string | null }) {
  const session = useSession();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'working' });
  const posted = useRef(false);

  useEffect(() => {
    if (posted.current) return;
    posted.current = true; // the link works once: never post it twice (React may run effects twice)
    if (!token) {
      setOutcome({ kind: 'failed', message: 'This link has no token. Open the link from the mail again.', canResend: true });
      return;
    }
    verifyEmail(token)
      .then(({ converted }) => {
        setOutcome({ kind: 'verified', converted });
        void session.refresh();
      })
      .catch((caught: unknown) => setOutcome({ kind: 'failed', message: refusalSentence(caught), canResend: true }));
  }, [token, session]);

  const { member } = session.account;
  if (outcome.kind === 'working') return <Spinner label="Confirming your email address…" />;
  if (outcome.kind === 'verified') {
    return (
      <>
        <PageTitle>Email address confirmed</PageTitle>
        <Notice kind="success">
          {member.email} is confirmed.{' '}
          {outcome.converted === 0
            ? 'No invitation was waiting for it.'
            : `${outcome.converted === 1 ? 'One invitation' : `${outcome.converted} invitations`} sent to this address ${outcome.converted === 1 ? 'is' : 'are'} now in your list.`}
        </Notice>
        <p>
          <button type="button" className="button" onClick={() => navigate('/invitations')}>
            Go to your invitations
          </button>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>Your email address is not confirmed</PageTitle>
      <Notice kind="error">{outcome.message}</Notice>
      {member.emailVerified ? (
        <p>
          {member.email} is already confirmed. <Link to="/invitations">Go to your invitations</Link>.
        </p>
      ) : outcome.canResend ? (
        <ResendVerification email={member.email} />
      ) : null}
    </>
  );
}
