import { useState } from 'react';
import { MemberLine } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { MemberSearchForm } from './member-search-form.js';
import { useMemberSearch } from './use-member-search.js';
import { setMemberTier, type AdminMember, type Tier } from '../api/member-tier.js';

const TIER_NAMES: Record<Tier, string> = { free: 'Free', premium: 'Premium' };

/** What a tier gives, in the words the member reads on their standing page. */
function tierGives(member: AdminMember): string {
  return `${member.monthlyLimit} invitations a month · ${member.inmailCreditsPerMonth} InMail credit${member.inmailCreditsPerMonth === 1 ? '' : 's'} a month`;
}

/**
 * Operators grant premium (there is no payment provider): find a member by name or address, then
 * switch their tier. The member is told in the app; the change is in the server's log.
 */
export function MemberTierPanel() {
  const finder = useMemberSearch();
  const { setMembers, setMessage } = finder;
  const [busy, setBusy] = useState<string | null>(null);

  async function change(member: AdminMember, tier: Tier) {
    setMessage(null);
    setBusy(member.id);
    try {
      const { member: updated } = await setMemberTier(member.id, tier);
      setMembers((old) => old?.map((m) => (m.id === updated.id ? updated : m)) ?? null);
      setMessage({
        kind: 'success',
        text: tier === 'premium' ? `${updated.name} now has Premium: ${tierGives(updated)}.` : `${updated.name} is back on Free: ${tierGives(updated)}.`,
      });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="tier-title" id="member-tier">
      <h2 id="tier-title">Premium</h2>
      <p className="muted">Premium raises a member’s monthly invitation limit and gives InMail credits. Find the member, then grant or remove it.</p>
      <MemberSearchForm label="Name or email address" {...finder}>
        {(members) => (
          <ul className="cards" data-testid="tier-results">
            {members.map((member) => {
              const next: Tier = member.tier === 'premium' ? 'free' : 'premium';
              return (
                <li key={member.id} className="card row" data-member-id={member.id}>
                  <MemberLine
                    member={member}
                    extra={
                      <div className="muted small">
                        {member.email} · <span className={`badge ${member.tier === 'premium' ? 'status-accepted' : ''}`} data-testid="tier-badge">{TIER_NAMES[member.tier]}</span> · {tierGives(member)}
                      </div>
                    }
                  />
                  <button
                    type="button"
                    className={`button small${next === 'free' ? ' secondary' : ''}`}
                    disabled={busy === member.id}
                    onClick={() => void change(member, next)}
                  >
                    {next === 'premium' ? 'Grant Premium' : 'Back to Free'}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </MemberSearchForm>
    </section>
  );
}
