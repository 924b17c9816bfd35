import { useEffect, useId, useState, type FormEvent } from 'react';
import { DegreeBadge, LoadMore, MemberLine, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { ConnectDialog } from '../../../ui/connect/connect-dialog.js';
import { plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { canInviteSentence, errorSentence } from '../../../ui/problem-text.js';
import { navigate } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { loadRelationship, searchMembers, type SearchResult } from '../api/search.js';

export function SearchPage({ initialQuery }: { initialQuery: string }) {
  const { account, refresh } = useSession();
  const [draft, setDraft] = useState(initialQuery);
  const [query, setQuery] = useState(initialQuery);
  const [error, setError] = useState<string | null>(null);
  const [connecting, setConnecting] = useState<{ member: SearchResult; requiresEmail: boolean } | null>(null);
  const [sentTo, setSentTo] = useState<Set<string>>(new Set());
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const inputId = useId();

  const list = usePagedList<SearchResult>((caught) => setError(errorSentence(caught)));
  const { items, first } = list;

  useEffect(() => {
    void first(() => searchMembers(query), { clear: true });
  }, [query, first]);

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(draft.trim() ? `/search?q=${encodeURIComponent(draft.trim())}` : '/search', { replace: true });
    setQuery(draft.trim());
  }

  // Asks the API whether (and how) this member may be invited, so the dialog shows the email field up front.
  async function connect(member: SearchResult) {
    try {
      const { relationship } = await loadRelationship(member.id);
      const { canInvite } = relationship;
      const emailFixable = canInvite.code === 'not_eligible' || canInvite.code === 'email_required';
      if (!canInvite.allowed && !canInvite.requiresEmail && !emailFixable && canInvite.code) {
        setRefusals((old) => ({ ...old, [member.id]: canInviteSentence(canInvite.code!, account.quota) }));
        return;
      }
      setConnecting({ member, requiresEmail: canInvite.requiresEmail || emailFixable });
    } catch (caught) {
      setRefusals((old) => ({ ...old, [member.id]: errorSentence(caught) }));
    }
  }

  return (
    <>
      <PageTitle lead="Find people by name, headline, company, title or school.">Search people</PageTitle>
      <form className="toolbar" onSubmit={submit} role="search">
        <div className="field inline grow">
          <label htmlFor={inputId}>Search</label>
          <input id={inputId} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="e.g. Ada, designer, Northwind" />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p className="empty">{query ? `Nobody matches “${query}”.` : 'No members to show yet.'}</p>
      ) : (
        <ul className="cards" data-testid="search-results">
          {items.map((member) => (
            <li key={member.id} className="card row" data-testid="search-result">
              <MemberLine
                member={member}
                extra={
                  <>
                    <div className="muted small">
                      {member.degree !== undefined ? (
                        <>
                          <DegreeBadge degree={member.degree} />{' '}
                        </>
                      ) : null}
                      {plural(member.mutualConnections, 'mutual connection')}
                    </div>
                    {refusals[member.id] ? <div className="small refusal">{refusals[member.id]}</div> : null}
                  </>
                }
              />
              {member.kind === 'person' ? (
                member.degree === 1 ? (
                  <span className="badge status status-accepted">Connected</span>
                ) : sentTo.has(member.id) ? (
                  <span className="badge status status-pending">Invited</span>
                ) : (
                  <button type="button" className="button small" onClick={() => void connect(member)} aria-label={`Connect with ${member.name}`}>
                    Connect
                  </button>
                )
              ) : (
                <span className="badge">Company</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => searchMembers(query, cursor))} />
      {connecting ? (
        <ConnectDialog
          member={connecting.member}
          requiresEmail={connecting.requiresEmail}
          open
          onClose={() => setConnecting(null)}
          onSent={() => {
            setSentTo((old) => new Set(old).add(connecting.member.id));
            void refresh();
          }}
        />
      ) : null}
    </>
  );
}
