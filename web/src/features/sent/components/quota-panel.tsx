import type { Quota } from '../../../ui/api-types.js';
import { Meter, Notice } from '../../../ui/components.js';
import { formatDate } from '../../../ui/format.js';
import { Link } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';

const WARN_AT = 0.8;

/** Invitation quotas with a warning once any of them is 80 % used. */
export function QuotaPanel({ quota }: { quota: Quota }) {
  // The monthly limit is the plan's: say which plan it is.
  const plan = useSession().account.member.tier === 'premium' ? 'Premium' : 'Free';
  const warnings: string[] = [];
  if (quota.monthlyLimit > 0 && quota.monthlyUsed / quota.monthlyLimit >= WARN_AT) {
    warnings.push(
      `You have used ${quota.monthlyUsed} of your ${quota.monthlyLimit} invitations this month. The count starts again on ${formatDate(quota.monthlyResetsAt)}.`,
    );
  }
  if (quota.weeklyLimit !== null && quota.weeklyLimit > 0 && quota.weeklyUsed / quota.weeklyLimit >= WARN_AT) {
    warnings.push(`You have used ${quota.weeklyUsed} of your ${quota.weeklyLimit} invitations for the last 7 days.`);
  }
  if (quota.lifetimeAllotment > 0 && quota.lifetimeUsed / quota.lifetimeAllotment >= WARN_AT) {
    warnings.push(`You have used ${quota.lifetimeUsed} of the ${quota.lifetimeAllotment} invitations you can ever send. Withdrawn invitations count too.`);
  }
  const captchaSoon = quota.captchaAfter > 0 && quota.sentLast24h / quota.captchaAfter >= WARN_AT;
  return (
    <section className="panel" aria-labelledby="quota-title">
      <h2 id="quota-title">Your invitation limits</h2>
      {warnings.length > 0 ? (
        <Notice kind="warning" id="quota-warning">
          <span data-testid="quota-warning">
            {warnings.join(' ')} Invite only people you know, and withdraw invitations that will not be answered.
          </span>
        </Notice>
      ) : null}
      <div className="meters">
        <Meter
          label="This month"
          used={quota.monthlyUsed}
          limit={quota.monthlyLimit}
          hint={
            <>
              <span data-testid="quota-plan">{plan} plan</span>. Starts again on {formatDate(quota.monthlyResetsAt)}. <Link to="/standing">See your plan</Link>
            </>
          }
        />
        {quota.weeklyLimit !== null ? <Meter label="Last 7 days" used={quota.weeklyUsed} limit={quota.weeklyLimit} /> : null}
        <Meter
          label="Lifetime"
          used={quota.lifetimeUsed}
          limit={quota.lifetimeAllotment}
          hint={
            <>
              Withdrawn invitations count. <Link to="/standing">Ask for more</Link>
            </>
          }
        />
        <Meter
          label="Last 24 hours"
          used={quota.sentLast24h}
          limit={quota.captchaAfter}
          hint={captchaSoon ? 'Past this number, each send first asks you to confirm you are a person.' : 'After this many in a day, each send asks you to confirm you are a person.'}
        />
      </div>
    </section>
  );
}
