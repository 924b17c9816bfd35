import { useEffect } from 'react';
import { useAllowances } from '../../../ui/allowances.js';
import { Meter } from '../../../ui/components.js';
import { formatDate, formatRenewal } from '../../../ui/format.js';
import { useSession } from '../../../ui/session.js';

/**
 * The member's tier and what it gives this month: the monthly invitation limit (from /me) and the
 * InMail credits (from /me/allowances), both as the server counts them. Operators grant Premium.
 */
export function PlanPanel() {
  const { account, refresh } = useSession();
  const { allowances } = useAllowances();
  const { quota } = account;
  const premium = account.member.tier === 'premium';
  const inmail = allowances?.inmail ?? null;

  // The tier may have changed since the app read /me (an administrator grants it).
  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="panel" aria-labelledby="plan-title" data-testid="plan-panel">
      <h2 id="plan-title">
        Your plan: <span className={`badge ${premium ? 'status-accepted' : ''}`} data-testid="plan-tier">{premium ? 'Premium' : 'Free'}</span>
      </h2>
      <Meter label="Invitations this month" used={quota.monthlyUsed} limit={quota.monthlyLimit} hint={`Your monthly limit is ${quota.monthlyLimit}. It starts again on ${formatDate(quota.monthlyResetsAt)}.`} />
      {inmail ? (
        <Meter
          label="InMail credits this month"
          used={inmail.used}
          limit={inmail.limit}
          hint={
            inmail.limit === 0
              ? 'InMail lets you write to people you are not connected with. Your plan has no InMail credits.'
              : `InMail lets you write to people you are not connected with. ${inmail.remaining} left; they renew on ${formatRenewal(inmail.renewsAt)}.`
          }
        />
      ) : null}
      <p className="muted small">
        {premium
          ? 'Premium was granted by an administrator of this network.'
          : 'Premium raises your monthly limit and gives InMail credits. It is granted by the administrators of this network.'}
      </p>
    </section>
  );
}
