import { useEffect, useState } from 'react';
import type { FollowListItem } from '../../../ui/api-types.js';
import { MemberLine, Notice, PageTitle, Spinner, Tabs } from '../../../ui/components.js';
import { formatDate } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { navigate } from '../../../ui/router.js';
import { listFollowers, listFollowing } from '../api/follows.js';

type Which = 'following' | 'followers';

/** Who you follow and who follows you; connections count as both unless one unfollowed. */
export function FollowsPage({ tab }: { tab: string | null }) {
  const which: Which = tab === 'followers' ? 'followers' : 'following';
  const [items, setItems] = useState<FollowListItem[] | null>(null);
  const [totals, setTotals] = useState<Record<Which, number | null>>({ following: null, followers: null });
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setItems(null);
    const read = which === 'following' ? listFollowing : listFollowers;
    read()
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setTotals((old) => ({ ...old, [which]: page.total }));
      })
      .catch((caught) => live && setError(errorSentence(caught)));
    return () => {
      live = false;
    };
  }, [which]);

  async function more() {
    if (!nextCursor) return;
    try {
      const page = await (which === 'following' ? listFollowing : listFollowers)(nextCursor);
      setItems((old) => [...(old ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }

  const label = (name: string, total: number | null) => (total === null ? name : `${name} (${total})`);
  return (
    <>
      <PageTitle lead="Following someone shows you their updates without connecting. Your connections count as followed, unless you unfollowed them.">
        Following and followers
      </PageTitle>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Tabs
        label="Follows"
        selected={which}
        onSelect={(id) => navigate(`/follows?tab=${id}`, { replace: true })}
        tabs={[
          { id: 'following', label: label('Following', totals.following) },
          { id: 'followers', label: label('Followers', totals.followers) },
        ]}
      >
        {items === null ? (
          error ? null : <Spinner />
        ) : items.length === 0 ? (
          <p className="empty">{which === 'following' ? 'You do not follow anyone yet. Choose Follow on a profile.' : 'Nobody follows you yet.'}</p>
        ) : (
          <ul className="cards" data-testid="follow-list">
            {items.map((item) => (
              <li key={item.member.id} className="card row" data-testid="follow-item">
                <MemberLine
                  member={item.member}
                  extra={
                    <div className="muted small">
                      {item.connected ? 'Connection · ' : ''}
                      {which === 'following' ? 'Following' : 'Follows you'} since {formatDate(item.since)}
                      {which === 'following' && item.followsYou ? ' · Follows you' : ''}
                      {which === 'followers' && item.youFollow ? ' · You follow them' : ''}
                    </div>
                  }
                />
              </li>
            ))}
          </ul>
        )}
        {nextCursor ? (
          <button type="button" className="button secondary" onClick={() => void more()}>
            Show more
          </button>
        ) : null}
      </Tabs>
    </>
  );
}
