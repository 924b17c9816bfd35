import { useEffect, useState } from 'react';
import type { Conversation } from '../../../ui/api-types.js';
import { Avatar, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { formatRelative, plural } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { listConversations } from '../api/messages.js';

/** Everyone the member has written with, most recent first. */
export function MessagesPage() {
  const { account } = useSession();
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listConversations()
      .then((answer) => setItems(answer.items))
      .catch((caught) => setError(errorSentence(caught)));
  }, []);

  return (
    <>
      <PageTitle lead="Your conversations with other members. To write to a connection, open their profile and choose Message.">Messages</PageTitle>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        error ? null : <Spinner />
      ) : items.length === 0 ? (
        <p className="empty" data-testid="conversations-empty">
          No messages yet. Open a connection’s profile and choose <strong>Message</strong>, or <Link to="/connections">pick someone from your connections</Link>.
        </p>
      ) : (
        <ul className="cards conversation-list" data-testid="conversations">
          {items.map((conversation) => {
            const mine = conversation.lastMessage.senderId === account.member.id;
            return (
              <li key={conversation.member.id} className={`card conversation${conversation.unread > 0 ? ' unread' : ''}`} data-testid="conversation">
                <Avatar member={conversation.member} size={48} />
                <div className="conversation-body">
                  <div className="conversation-head">
                    <Link to={`/messages/${conversation.member.id}`} className="member-name conversation-link">
                      {conversation.member.name}
                    </Link>
                    <span className="muted small">{formatRelative(conversation.lastMessage.createdAt)}</span>
                  </div>
                  <p className="conversation-last">
                    {mine ? <span className="muted">You: </span> : null}
                    {conversation.lastMessage.body}
                  </p>
                  {conversation.unread > 0 ? <span className="badge unread-badge">{plural(conversation.unread, 'new message')}</span> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
