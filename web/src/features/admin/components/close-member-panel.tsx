import { useState } from 'react';
import { Dialog, MemberLine, Notice, Spinner } from '../../../ui/components.js';
import { formatDate } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { useMemberSearch } from './use-member-search.js';
import { closeMemberAccount } from '../api/close-member.js';
import type { AdminMember } from '../api/member-tier.js';

/**
 * Operators close an account for a member who asked by mail, phone or letter: find them, confirm,
 * and the same closure runs as when the member closes it (they may still reopen it by signing in).
 */
export function CloseMemberPanel() {
  const { query, setQuery, members, setMembers, searching, search, message, setMessage, inputId } = useMemberSearch();
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
      <form className="inline-form" role="search" onSubmit={search}>
        <label htmlFor={inputId} className="visually-hidden">
          Name or email address of the member to close
        </label>
        <input id={inputId} type="search" className="grow" placeholder="Name or email address" value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button secondary" disabled={!query.trim() || searching}>
          Find
        </button>
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {searching ? (
        <Spinner label="Searching…" />
      ) : members === null ? null : members.length === 0 ? (
        <p className="muted">Nobody matches that name or address.</p>
      ) : (
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
