import { useSyncExternalStore } from 'react';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../api/notifications.js';

// The unread count, shared by the bell in the top bar and the notifications page, so marking
// something read in one place updates the other at once.
let unread: number | null = null;
const listeners = new Set<() => void>();

function publish(next: number): void {
  if (next === unread) return;
  unread = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The number of unread notifications, or null before the first answer. */
export function useUnreadCount(): number | null {
  return useSyncExternalStore(subscribe, () => unread);
}

export function setUnreadCount(count: number): void {
  publish(Math.max(0, count));
}

/** Asks the API for the count (one item, so it stays cheap to poll). */
export async function refreshUnreadCount(): Promise<void> {
  const page = await listNotifications({ limit: 1 });
  publish(page.unreadCount);
}

export async function markRead(id: string): Promise<void> {
  if (unread !== null && unread > 0) publish(unread - 1);
  try {
    await markNotificationRead(id);
  } finally {
    void refreshUnreadCount().catch(() => undefined);
  }
}

export async function markAllRead(): Promise<number> {
  const { marked } = await markAllNotificationsRead();
  publish(0);
  return marked;
}
