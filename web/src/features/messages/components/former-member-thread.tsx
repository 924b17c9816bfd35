import type { DirectMessage } from '../../../ui/api-types.js';
import { LoadMore, Notice, PageTitle } from '../../../ui/components.js';
import { formatDateTime } from '../../../ui/format.js';
import { Link } from '../../../ui/router.js';

/** How a member who closed their account is named where their messages stay. */
export const FORMER_MEMBER = 'A former member';

/**
 * A conversation with a member who closed their account: still the reader's to read, signed
 * "A former member", with nothing to answer to (and no profile to link to).
 */
export function FormerMemberThread({ messages, myId, hasEarlier, onEarlier }: { messages: DirectMessage[]; myId: string; hasEarlier: boolean; onEarlier: () => Promise<void> }) {
  return (
    <>
      <PageTitle>{`Messages with ${FORMER_MEMBER.toLowerCase()}`}</PageTitle>
      <section className="panel thread-panel" aria-labelledby="conversation-title">
        <h2 id="conversation-title" className="visually-hidden">
          Conversation
        </h2>
        <LoadMore hasMore={hasEarlier} onMore={onEarlier} label="Show earlier messages" className="button link small" />
        <ol className="thread direct-thread" data-testid="direct-thread">
          {messages.map((item) => {
            const mine = item.senderId === myId;
            return (
              <li key={item.id} className={`thread-item${mine ? ' mine' : ''}`} data-testid="direct-message">
                <div className="thread-meta">
                  {mine ? 'You' : FORMER_MEMBER} · {formatDateTime(item.createdAt)}
                </div>
                <p>{item.body}</p>
              </li>
            );
          })}
        </ol>
        <div data-testid="former-member-notice">
          <Notice kind="info">This member has closed their account. You can read your conversation, but not write to them any more.</Notice>
        </div>
      </section>
      <p className="muted small back-link">
        <Link to="/messages">Back to your messages</Link>
      </p>
    </>
  );
}
