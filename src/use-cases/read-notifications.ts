import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import {
  countUnreadNotifications,
  listNotifications as listNotificationRows,
  markAllNotificationsRead as markAllRead,
  markNotificationRead as markRead,
  notificationExists,
  type NotificationRow,
} from '../db/repositories/notifications.js';

/**
 * A member's notifications, newest first: `limit + 1` of them before `beforeId` (the last tells
 * whether there are more), and how many are unread in all.
 */
export async function listNotifications(
  ctx: AppContext,
  memberId: number,
  query: { limit: number; beforeId: number | null; unreadOnly: boolean },
): Promise<{ rows: NotificationRow[]; unreadCount: number }> {
  const [rows, unreadCount] = await Promise.all([
    listNotificationRows(ctx.db, memberId, { ...query, limit: query.limit + 1 }),
    countUnreadNotifications(ctx.db, memberId),
  ]);
  return { rows, unreadCount };
}

/** Marks one notification read; marking a read one again is fine, another member's is `not_found`. */
export async function markNotificationRead(ctx: AppContext, memberId: number, id: number): Promise<void> {
  if (await markRead(ctx.db, memberId, id, ctx.clock.now())) return;
  if (!(await notificationExists(ctx.db, memberId, id))) throw new DomainError('not_found', 'No such notification.');
}

/** Marks every notification of a member read; answers how many were unread. */
export async function markAllNotificationsRead(ctx: AppContext, memberId: number): Promise<number> {
  return markAllRead(ctx.db, memberId, ctx.clock.now());
}
