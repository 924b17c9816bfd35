import { useCallback, useEffect, useState } from 'react';
import { MemberLine, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { formatDate, plural } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { useSession } from '../../../ui/session.js';
import { MemberTierPanel } from './member-tier-panel.js';
import { CloseMemberPanel } from './close-member-panel.js';
import { WebhooksPanel } from './webhooks-panel.js';
import { MemberReportsPanel } from '../../member-reports/components/member-reports-panel.js';
import { denyRequest, grant, liftRestriction, listRequests, listRestricted, loadPolicy, type PendingRequest, type RestrictedMember } from '../api/admin.js';

export function AdminPage() {
  const { account } = useSession();
  const [restricted, setRestricted] = useState<RestrictedMember[] | null>(null);
  const [requests, setRequests] = useState<PendingRequest[] | null>(null);
  const [policy, setPolicy] = useState<Record<string, unknown> | null>(null);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const [r, q, p] = await Promise.all([listRestricted(), listRequests(), loadPolicy()]);
      setRestricted(r.items);
      setRequests(q.items);
      setPolicy(p.policy);
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }, []);

  useEffect(() => {
    if (account.member.role === 'admin') void load();
  }, [load, account.member.role]);

  async function run(action: () => Promise<unknown>, text: string) {
    setMessage(null);
    try {
      await action();
      setMessage({ kind: 'success', text });
      await load();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  if (account.member.role !== 'admin') {
    return (
      <>
        <PageTitle>Administration</PageTitle>
        <Notice kind="error">Only administrators can open this page.</Notice>
      </>
    );
  }

  return (
    <>
      <PageTitle lead="Moderate standing, answer allotment requests, connect integrations and read the policy in force.">Administration</PageTitle>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <section className="panel" aria-labelledby="restricted-title">
        <h2 id="restricted-title">Restricted members</h2>
        {restricted === null ? (
          <Spinner />
        ) : restricted.length === 0 ? (
          <p className="muted">Nobody is restricted.</p>
        ) : (
          <ul className="cards" data-testid="restricted-list">
            {restricted.map(({ member, standing }) => (
              <li key={member.id} className="card row">
                <MemberLine
                  member={member}
                  extra={
                    <div className="muted small">
                      {standing.restrictionReason === 'low_acceptance' && standing.rules.acceptance
                        ? `low acceptance: ${standing.rules.acceptance.accepted} of ${standing.rules.acceptance.decided} accepted`
                        : plural(standing.reports, 'report')}{' '}
                      · restricted {plural(standing.restrictionCount, 'time')} · since {formatDate(standing.restrictedAt)}
                    </div>
                  }
                />
                <button type="button" className="button secondary small" onClick={() => void run(() => liftRestriction(member.id), `Lifted ${member.name}'s restriction.`)}>
                  Lift restriction
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <MemberReportsPanel />
      <section className="panel" aria-labelledby="requests-title">
        <h2 id="requests-title">Requests for more invitations</h2>
        {requests === null ? (
          <Spinner />
        ) : requests.length === 0 ? (
          <p className="muted">No pending requests.</p>
        ) : (
          <ul className="cards">
            {requests.map((request) => {
              const count = counts[request.id] ?? '100';
              const inputId = `grant-${request.id}`;
              return (
                <li key={request.id} className="card request">
                  <MemberLine member={request.member} extra={<div className="muted small">Asked on {formatDate(request.createdAt)}</div>} />
                  <blockquote className="note">{request.reason}</blockquote>
                  <div className="actions left">
                    <label htmlFor={inputId} className="visually-hidden">
                      Invitations to grant {request.member.name}
                    </label>
                    <input
                      id={inputId}
                      type="number"
                      className="narrow"
                      min={1}
                      value={count}
                      onChange={(e) => setCounts((old) => ({ ...old, [request.id]: e.target.value }))}
                    />
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void run(() => grant(request.memberId, Number(count)), `Granted ${count} invitations to ${request.member.name}.`)}
                    >
                      Grant
                    </button>
                    <button type="button" className="button secondary small" onClick={() => void run(() => denyRequest(request.id), 'Request denied.')}>
                      Deny
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <MemberTierPanel />
      <CloseMemberPanel />
      <WebhooksPanel />
      <section className="panel" aria-labelledby="policy-title">
        <h2 id="policy-title">Policy in force</h2>
        {policy === null ? (
          <Spinner />
        ) : (
          <table className="policy">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(policy).map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">
                    <code>{key}</code>
                  </th>
                  <td>{value === null ? 'none' : typeof value === 'object' ? JSON.stringify(value) : String(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
