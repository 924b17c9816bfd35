import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Standing } from '../../../ui/api-types.js';
import { Meter, Notice, PageTitle } from '../../../ui/components.js';
import { formatDate, plural } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { useSession } from '../../../ui/session.js';
import { liftRestriction, loadStanding, requestAllotment } from '../api/standing.js';
import { AllotmentRequestsPanel } from './allotment-requests-panel.js';
import { PlanPanel } from './plan-panel.js';
import { StandingRules, StandingWarnings } from './standing-rules.js';
import { restrictionReasonSentence } from './standing-text.js';

export function StandingPage() {
  const { account, refresh } = useSession();
  const [standing, setStanding] = useState<Standing>(account.standing);
  const [agreed, setAgreed] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [reason, setReason] = useState('');
  const [requestsVersion, setRequestsVersion] = useState(0);
  const ids = { agree: useId(), reason: useId() };
  const { quota } = account;

  useEffect(() => {
    loadStanding()
      .then((answer) => setStanding(answer.standing))
      .catch(() => undefined);
  }, []);

  async function lift(event: FormEvent) {
    event.preventDefault();
    if (!agreed) return;
    setMessage(null);
    try {
      const answer = await liftRestriction();
      setStanding(answer.standing);
      setAgreed(false);
      setMessage({ kind: 'success', text: 'The restriction is lifted. You can invite people without their email address again.' });
      await refresh();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  async function ask(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return;
    try {
      await requestAllotment(reason.trim());
      setReason('');
      setRequestsVersion((version) => version + 1);
      setMessage({ kind: 'success', text: 'Your request was sent to the administrators.' });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  return (
    <>
      <PageTitle lead="How recipients have answered your invitations, and what that means for sending more.">Your standing</PageTitle>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <StandingWarnings standing={standing} />
      <section className="panel" aria-labelledby="restriction-title" data-testid="standing-state">
        <h2 id="restriction-title">{standing.restricted ? 'Your account is restricted' : 'No restriction'}</h2>
        {standing.restricted ? (
          <>
            <p data-testid="restriction-reason">{restrictionReasonSentence(standing)}</p>
            <p>
              Since {formatDate(standing.restrictedAt)}, every invitation you send needs the email address of the person you invite. This shows
              you know them. Everything else works as before.
              {standing.restrictionEndsAt ? ` The restriction ends by itself on ${formatDate(standing.restrictionEndsAt)}.` : ''}
            </p>
            {standing.canSelfLift ? (
              <form className="stack" onSubmit={lift}>
                <p>This is your first restriction, so you can lift it yourself.</p>
                <label className="check" htmlFor={ids.agree}>
                  <input id={ids.agree} type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />I agree to send invitations only
                  to people I know personally.
                </label>
                <div className="actions left">
                  <button type="submit" className="button" disabled={!agreed}>
                    Lift the restriction
                  </button>
                </div>
              </form>
            ) : (
              <p>
                This is not your first restriction, so you cannot lift it yourself: an administrator has to review your account. You have been
                restricted {plural(standing.restrictionCount, 'time')}.
              </p>
            )}
          </>
        ) : (
          <p>
            You can invite people in your network without their email address.
            {standing.restrictionCount > 0
              ? ' You have lifted a restriction before: a further one can only be lifted by an administrator.'
              : ' If you are ever restricted, you can lift the first restriction yourself; later ones need an administrator.'}
          </p>
        )}
      </section>

      <StandingRules standing={standing} />

      <PlanPanel />
      <section className="panel" aria-labelledby="allotment-title">
        <h2 id="allotment-title">Invitations you can still send</h2>
        <p className="allotment-left" data-testid="allotment-left">
          <strong>{Math.max(0, quota.lifetimeAllotment - quota.lifetimeUsed)}</strong> of your {quota.lifetimeAllotment} left
        </p>
        <Meter label="Sent so far, withdrawn ones included" used={quota.lifetimeUsed} limit={quota.lifetimeAllotment} />
        <form className="stack" onSubmit={ask}>
          <div className="field">
            <label htmlFor={ids.reason}>Need more? Tell an administrator why</label>
            <textarea id={ids.reason} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
          </div>
          <div className="actions left">
            <button type="submit" className="button secondary" disabled={!reason.trim()}>
              Send request
            </button>
          </div>
        </form>
      </section>
      <AllotmentRequestsPanel version={requestsVersion} onError={(caught) => setMessage({ kind: 'error', text: errorSentence(caught) })} />
    </>
  );
}
