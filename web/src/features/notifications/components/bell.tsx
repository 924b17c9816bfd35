import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AppNotification } from '../../../ui/api-types.js';
import { usePopover } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { listNotifications } from '../api/notifications.js';
import { NotificationItem } from './notification-item.js';
import { markAllRead, refreshUnreadCount, setUnreadCount, useUnreadCount } from './unread.js';

const POLL_MS = 30_000;
const SHOWN = 6;

/** The bell in the top bar: unread count (polled every 30 s and on every navigation) and the latest notifications. */
export function NotificationBell({ path }: { path: string }) {
  const count = useUnreadCount();
  const popover = usePopover();
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const headingId = useId();
  // Told to screen readers when the count goes up between two polls (not on the first answer).
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<number | null>(null);
  useEffect(() => {
    if (count === null) return;
    if (previous.current !== null && count > previous.current) {
      setAnnouncement(count === 1 ? 'You have 1 unread notification.' : `You have ${count} unread notifications.`);
    }
    previous.current = count;
  }, [count]);

  const poll = useCallback(() => {
    if (document.visibilityState === 'hidden') return;
    void refreshUnreadCount().catch(() => undefined);
  }, []);

  useEffect(() => {
    poll();
  }, [path, poll]);

  useEffect(() => {
    const timer = window.setInterval(poll, POLL_MS);
    document.addEventListener('visibilitychange', poll);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [poll]);

  useEffect(() => {
    if (!popover.open) return;
    let live = true;
    setError(null);
    listNotifications({ limit: SHOWN })
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setUnreadCount(page.unreadCount);
      })
      .catch((caught) => live && setError(errorSentence(caught)));
    return () => {
      live = false;
    };
  }, [popover.open]);

  async function readAll() {
    try {
      await markAllRead();
      const now = new Date().toISOString();
      setItems((old) => (old ?? []).map((item) => (item.readAt ? item : { ...item, readAt: now })));
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }

  const shown = count !== null && count > 0 ? (count > 99 ? '99+' : String(count)) : null;
  const label = shown ? `Notifications, ${shown} unread` : 'Notifications';

  return (
    <div className="bell" ref={popover.container}>
      <button
        type="button"
        ref={popover.button}
        className="bell-button"
        aria-label={label}
        aria-expanded={popover.open}
        aria-controls={popover.open ? panelId : undefined}
        data-testid="bell"
        onClick={() => popover.setOpen((v) => !v)}
      >
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {shown ? (
          <span className="bell-count" data-testid="bell-count">
            {shown}
          </span>
        ) : null}
      </button>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
      {popover.open ? (
        <section className="bell-panel" id={panelId} aria-labelledby={headingId}>
          <div className="bell-head">
            <h2 id={headingId}>Notifications</h2>
            <button type="button" className="button link small" onClick={() => void readAll()} disabled={!count}>
              Mark all read
            </button>
          </div>
          {error ? (
            <p className="refusal small">{error}</p>
          ) : items === null ? (
            <p className="muted small bell-empty">Loading…</p>
          ) : items.length === 0 ? (
            <p className="muted small bell-empty">Nothing yet. Invitations, answers and messages show up here.</p>
          ) : (
            <ul className="plain notification-list" data-testid="bell-list">
              {items.map((item) => (
                <li key={item.id}>
                  <NotificationItem
                    notification={item}
                    onRead={(id) => setItems((old) => (old ?? []).map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)))}
                    onFollow={() => popover.setOpen(false)}
                  />
                </li>
              ))}
            </ul>
          )}
          <p className="bell-foot">
            <Link to="/notifications" onClick={() => popover.setOpen(false)}>
              See all notifications
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
