import { useState } from 'react';
import { Dialog, MemberLine } from '../../../ui/components.js';
import { formatDate } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { MemberSearchForm } from './member-search-form.js';
import { useMemberSearch } from './use-member-search.js';
import { closeMemberAccount } from '../api/close-member.js';
import type { AdminMember } from '../api/member-tier.js';

/**
 * Operators close an account for a member who asked by mail, phone or letter: find them, confirm,
 * and the same closure runs as when the member closes it (they may still reopen it by signing in).
 */
export function CloseMemberPanel() {
  const finder = useMemberSearch();
  const { setMembers, setMessage } = finder;
  const [confirming, setConfirming] = useState<AdminMember | null>(null);
  const [busy, setBusy] = useState(false);

  async function close(member: AdminMember) {
    setBusy(true);
    try {
      const { closing } = await closeMemberAccount(member.id);
      setMembers((old) => old?.map((m) => (m.id === member.id ? { ...m, eraseAfter: closing.eraseAfter } : m)) ?? null);
      setMessage({ kind: 'success', text: `The account of ${member.email} is closed. It is erased after ${formatDate(closing.eraseAfter)} unless they sign in before then.` });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="close-member-title" id="close-member">
      <h2 id="close-member-title">Close an account</h2>
      <p className="muted">For a member who asks you to close their account by other means. They get a mail saying how to reopen it.</p>
      <MemberSearchForm label="Name or email address of the member to close" {...finder}>
        {(members) => (
          <ul className="cards" data-testid="close-member-results">
            {members.map((member) => (
              <li key={member.id} className="card row" data-member-id={member.id}>
                <MemberLine member={member} extra={<div className="muted small">{member.email}</div>} />
                {member.eraseAfter ? (
                  <span className="muted small" data-testid="member-closing">
                    Closing: erased after {formatDate(member.eraseAfter)}
                  </span>
                ) : (
                  <button type="button" className="button secondary small danger-text" onClick={() => setConfirming(member)}>
                    Close account
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </MemberSearchForm>
      {confirming ? (
        <Dialog title={`Close the account of ${confirming.email}?`} open onClose={() => setConfirming(null)}>
          <p>
            Their invitations are withdrawn or declined, their connections, follows, contacts and sign-ins removed, and they are hidden at once. They can reopen it by
            signing in during the grace period; then it is erased.
          </p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setConfirming(null)}>
              Cancel
            </button>
            <button type="button" className="button danger" disabled={busy} onClick={() => void close(confirming)} data-testid="confirm-close-member">
              Close the account
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
