import { useEffect, useId, useState, type FormEvent } from 'react';
import { LoadMore, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link, navigate } from '../../../ui/router.js';
import { findGroups, startGroup, type GroupListing } from '../api/groups.js';
import { JoinButton } from './join-button.js';

/** Find groups by name (the search is kept in the address, `?q=`), join or leave them, or start one. */
export function GroupsPage({ query }: { query: string }) {
  const [draft, setDraft] = useState(query);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const list = usePagedList<GroupListing>((caught) => setError(errorSentence(caught)));
  const { items, first, setItems } = list;

  useEffect(() => {
    setDraft(query);
    void first(() => findGroups(query), { clear: true });
  }, [query, first]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const q = draft.trim();
    navigate(q ? `/groups?q=${encodeURIComponent(q)}` : '/groups');
  }

  async function start() {
    try {
      const { group } = await startGroup(query);
      navigate(`/groups/${group.id}`);
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }

  const replace = (group: GroupListing) => setItems((old) => old?.map((g) => (g.id === group.id ? group : g)) ?? null);

  return (
    <>
      <PageTitle lead="Join groups around your work and interests, and meet the people in them.">Groups</PageTitle>
      <form className="toolbar" onSubmit={submit} role="search">
        <div className="field inline grow">
          <label htmlFor={inputId}>Group name</label>
          <input id={inputId} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="e.g. Design, Data, Alumni" />
        </div>
        <button type="submit" className="button">
          Find groups
        </button>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <div className="empty">
          <p>{query ? `No group is called anything like “${query}”.` : 'There are no groups yet.'}</p>
          {query ? (
            <button type="button" className="button secondary" onClick={() => void start()}>
              Start “{query}”
            </button>
          ) : null}
        </div>
      ) : (
        <ul className="cards" data-testid="group-results">
          {items.map((group) => (
            <li key={group.id} className="card row" data-testid="group-result" data-group-id={group.id}>
              <div>
                <Link to={`/groups/${group.id}`} className="member-name">
                  {group.name}
                </Link>
                <div className="muted small" data-testid="group-count">
                  {plural(group.memberCount, 'member')}
                  {group.joined ? ' · You are a member' : ''}
                </div>
              </div>
              <JoinButton group={group} onChange={replace} onError={setError} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => findGroups(query, cursor))} />
    </>
  );
}
