import { useState } from 'react';
import { errorSentence } from '../../../ui/problem-text.js';
import { requestVerificationMail } from '../api/verification.js';

/** A button that mails a new verification link, and what came of it. */
export function ResendVerification({ email }: { email: string }) {
  const [state, setState] = useState<{ kind: 'idle' | 'sending' } | { kind: 'sent' } | { kind: 'failed'; message: string }>({ kind: 'idle' });

  async function resend() {
    setState({ kind: 'sending' });
    try {
      await requestVerificationMail();
      setState({ kind: 'sent' });
    } catch (caught) {
      setState({ kind: 'failed', message: errorSentence(caught) });
    }
  }

  if (state.kind === 'sent') return <span role="status">We sent a new link to {email}.</span>;
  return (
    <>
      <button type="button" className="button link" onClick={resend} disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Sending…' : 'Send the link again'}
      </button>
      {state.kind === 'failed' ? <span role="alert"> {state.message}</span> : null}
    </>
  );
}

/**
 * Shown to a signed-in member whose address is not confirmed yet: until it is, invitations sent to
 * it wait for them, and an operator's address grants no admin rights.
 */
export function UnverifiedNotice({ email }: { email: string }) {
  return (
    <div className="restriction-banner" role="region" aria-label="Email address not confirmed" data-testid="unverified-notice">
      <div className="container">
        <strong>Confirm your email address.</strong> We sent a link to {email}; invitations sent to this address reach you once you open it.{' '}
        <ResendVerification email={email} />
      </div>
    </div>
  );
}
