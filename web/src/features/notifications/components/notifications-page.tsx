import { useEffect, useId, useState } from 'react';
import type { AppNotification, NotificationPage } from '../../../ui/api-types.js';
import { LoadMore, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { listNotifications } from '../api/notifications.js';
import { NotificationItem } from './notification-item.js';
import { describeNotification } from './notification-text.js';
import { markAllRead, markRead, setUnreadCount, useUnreadCount } from './unread.js';

export function NotificationsPage() {
  const unread = useUnreadCount();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const unreadId = useId();
  const list = usePagedList<AppNotification, NotificationPage>((caught) => setMessage({ kind: 'error', text: errorSentence(caught) }), { emptyOnError: true });
  const { items, setItems, first } = list;

  useEffect(() => {
    void first(() => listNotifications({ limit: 30, unread: onlyUnread })).then((page) => page && setUnreadCount(page.unreadCount));
  }, [first, onlyUnread]);

  function localRead(id: string) {
    const now = new Date().toISOString();
    setItems((old) => (old ?? []).map((n) => (n.id === id ? { ...n, readAt: now } : n)));
  }

  async function readAll() {
    setMessage(null);
    try {
      const marked = await markAllRead();
      const now = new Date().toISOString();
      setItems((old) => (onlyUnread ? [] : (old ?? []).map((n) => (n.readAt ? n : { ...n, readAt: now }))));
      setMessage({ kind: 'success', text: marked ? `Marked ${plural(marked, 'notification')} as read.` : 'Everything was already read.' });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  return (
    <>
      <PageTitle lead="Answers to your invitations, new invitations, messages and changes to your account.">Notifications</PageTitle>
      <div className="list-head notifications-head">
        <label className="check" htmlFor={unreadId}>
          <input id={unreadId} type="checkbox" checked={onlyUnread} onChange={(e) => setOnlyUnread(e.target.checked)} />
          Only unread
        </label>
        <span className="muted small" aria-live="polite">
          {unread === null ? '' : unread === 0 ? 'All read' : `${unread} unread`}
        </span>
        <button type="button" className="button secondary small" disabled={!unread} onClick={() => void readAll()}>
          Mark all as read
        </button>
      </div>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p className="empty" data-testid="notifications-empty">
          {onlyUnread ? 'No unread notifications.' : 'No notifications yet. When someone invites you or answers your invitation, it shows up here.'}
        </p>
      ) : (
        <ul className="cards notification-cards" data-testid="notifications-list">
          {items.map((item) => (
            <li key={item.id} className="card notification-card">
              <NotificationItem notification={item} onRead={localRead} />
              {item.readAt === null ? (
                <button
                  type="button"
                  className="button link small mark-read"
                  onClick={() => {
                    localRead(item.id);
                    void markRead(item.id).catch((caught) => setMessage({ kind: 'error', text: errorSentence(caught) }));
                  }}
                >
                  Mark as read<span className="visually-hidden">: {describeNotification(item).text}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => listNotifications({ limit: 30, cursor, unread: onlyUnread }))} />
    </>
  );
}
