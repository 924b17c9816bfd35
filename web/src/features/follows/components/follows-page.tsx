import { useEffect, useState } from 'react';
import type { FollowListItem, FollowPage } from '../../../ui/api-types.js';
import { LoadMore, MemberLine, Notice, PageTitle, Spinner, Tabs } from '../../../ui/components.js';
import { formatDate } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { navigate } from '../../../ui/router.js';
import { listFollowers, listFollowing } from '../api/follows.js';

type Which = 'following' | 'followers';

/** Who you follow and who follows you; connections count as both unless one unfollowed. */
export function FollowsPage({ tab }: { tab: string | null }) {
  const which: Which = tab === 'followers' ? 'followers' : 'following';
  const [totals, setTotals] = useState<Record<Which, number | null>>({ following: null, followers: null });
  const [error, setError] = useState<string | null>(null);
  const list = usePagedList<FollowListItem, FollowPage>((caught) => setError(errorSentence(caught)));
  const { items, first } = list;
  const read = which === 'following' ? listFollowing : listFollowers;

  useEffect(() => {
    void first(() => read(), { clear: true }).then((page) => page && setTotals((old) => ({ ...old, [which]: page.total })));
  }, [which, read, first]);

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
        <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => read(cursor))} />
      </Tabs>
    </>
  );
}
