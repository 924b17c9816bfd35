import { useCallback, useEffect, useState } from 'react';
import { LoadMore, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { PersonCard, type PersonInGraph } from '../../../ui/person-card.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { loadGroup, type GroupListing } from '../api/groups.js';
import { JoinButton } from './join-button.js';

/** A group: join or leave it, and its members with your degree to each, the connections you share, and Connect. */
export function GroupPage({ groupId }: { groupId: string }) {
  const [group, setGroup] = useState<GroupListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = usePagedList<PersonInGraph>((caught) => setError(errorSentence(caught)));
  const { items, first } = list;

  const load = useCallback(
    () =>
      first(async () => {
        const answer = await loadGroup(groupId);
        setGroup(answer.group);
        return answer.members;
      }),
    [groupId, first],
  );

  useEffect(() => {
    void load();
  }, [load]);

  if (error && !group) {
    return (
      <>
        <PageTitle>Group</PageTitle>
        <Notice kind="error">{error}</Notice>
        <p>
          <Link to="/groups">Find other groups</Link>
        </p>
      </>
    );
  }
  if (!group) return <Spinner />;

  return (
    <>
      <PageTitle lead={<span data-testid="group-count">{plural(group.memberCount, 'member')}{group.joined ? ' · You are a member' : ''}</span>}>{group.name}</PageTitle>
      <div className="actions left" style={{ marginBottom: '1.25rem' }}>
        <JoinButton
          group={group}
          onChange={(changed) => {
            setGroup(changed);
            void load();
          }}
          onError={setError}
        />
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <h2>Members</h2>
      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p className="empty">Nobody you can see is in this group yet.</p>
      ) : (
        <ul className="cards" data-testid="group-members">
          {items.map((person) => (
            <PersonCard key={person.id} person={person} testId="group-member" />
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => loadGroup(groupId, cursor).then((answer) => answer.members))} />
      <p className="muted small back-link">
        <Link to="/groups">Back to groups</Link>
      </p>
    </>
  );
}
