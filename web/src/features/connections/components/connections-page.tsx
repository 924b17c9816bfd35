import { useEffect, useId, useState } from 'react';
import { Dialog, LoadMore, MemberLine, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { formatDate } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { listConnections, removeConnection, type Connection } from '../api/connections.js';

export function ConnectionsPage() {
  const { refresh } = useSession();
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  const searchId = useId();
  const list = usePagedList<Connection>((caught) => setMessage({ kind: 'error', text: errorSentence(caught) }));
  const { items, setItems, first } = list;

  useEffect(() => {
    const timer = setTimeout(() => void first(() => listConnections(query)), query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query, first]);

  async function remove(connection: Connection) {
    setRemoving(null);
    try {
      await removeConnection(connection.member.id);
      setItems((old) => (old ?? []).filter((item) => item.member.id !== connection.member.id));
      setMessage({ kind: 'success', text: `${connection.member.name} is no longer a connection. They are not told.` });
      void refresh();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  return (
    <>
      <PageTitle
        lead={
          <>
            Your 1st-degree connections, most recent first. <Link to="/follows">Following and followers</Link>
          </>
        }
      >
        Connections
      </PageTitle>
      <div className="toolbar">
        <div className="field inline grow">
          <label htmlFor={searchId}>Search your connections</label>
          <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name" />
        </div>
      </div>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p className="empty">
          {query ? `None of your connections matches “${query}”.` : <>No connections yet. <Link to="/search">Find people you know</Link>.</>}
        </p>
      ) : (
        <ul className="cards" data-testid="connections-list">
          {items.map((connection) => (
            <li key={connection.member.id} className="card row" data-testid="connection">
              <MemberLine member={connection.member} extra={<div className="muted small">Connected on {formatDate(connection.connectedAt)}</div>} />
              <button type="button" className="button secondary small" onClick={() => setRemoving(connection)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => listConnections(query, cursor))} />
      {removing ? (
        <Dialog title={`Remove ${removing.member.name}?`} open onClose={() => setRemoving(null)}>
          <p>
            {removing.member.name} will no longer be one of your connections. They are not told, and neither of you can see the other's
            connections through this link any more.
          </p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setRemoving(null)}>
              Cancel
            </button>
            <button type="button" className="button danger" onClick={() => void remove(removing)}>
              Remove connection
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
