import type { AppNotification } from '../../../ui/api-types.js';
import { Avatar } from '../../../ui/components.js';
import { formatDateTime, formatRelative } from '../../../ui/format.js';
import { Link } from '../../../ui/router.js';
import { InvitationAnswer } from './invitation-answer.js';
import { describeNotification } from './notification-text.js';
import { markRead } from './unread.js';

/**
 * One notification as a link to what it is about. Following it marks it read. `onFollow` lets the
 * bell close its panel. An invitation's notification also carries Accept and Ignore while it is
 * pending; answering marks it read.
 */
export function NotificationItem({
  notification,
  onFollow,
  onRead,
}: {
  notification: AppNotification;
  onFollow?: () => void;
  onRead?: (id: string) => void;
}) {
  const view = describeNotification(notification);
  const unread = notification.readAt === null;
  const markAsRead = () => {
    if (!unread) return;
    onRead?.(notification.id);
    void markRead(notification.id).catch(() => undefined);
  };
  const link = (
    <Link
      to={view.to}
      className={`notification${unread ? ' unread' : ''}`}
      data-testid="notification"
      data-kind={notification.kind}
      onClick={() => {
        markAsRead();
        onFollow?.();
      }}
    >
      {notification.actor ? (
        <Avatar member={notification.actor} size={40} />
      ) : view.person ? (
        <Avatar member={{ id: view.personId, name: view.person.name, initials: view.person.initials }} size={40} />
      ) : (
        <span className="avatar notification-symbol" aria-hidden="true">
          {view.symbol}
        </span>
      )}
      <span className="notification-body">
        {unread ? <span className="visually-hidden">Unread: </span> : null}
        <span className="notification-text">{view.text}</span>
        {view.detail ? <span className="notification-detail">{view.detail}</span> : null}
        <time className="notification-time" dateTime={notification.createdAt} title={formatDateTime(notification.createdAt)}>
          {formatRelative(notification.createdAt)}
        </time>
      </span>
      {unread ? <span className="unread-dot" aria-hidden="true" /> : null}
    </Link>
  );
  if (notification.kind !== 'invitation_received' || !notification.invitation) return link;
  return (
    <>
      {link}
      <InvitationAnswer invitation={notification.invitation} senderName={view.person?.name ?? 'The sender'} onAnswered={markAsRead} />
    </>
  );
}
