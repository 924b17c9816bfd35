import { useEffect, useId, useState } from 'react';
import { Dialog, LoadMore, MemberLine, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { formatDate, plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { listConnections, removeConnection, removeConnections, type Connection } from '../api/connections.js';

/** The most connections one call removes (the API's bound). */
const MAX_AT_ONCE = 100;

export function ConnectionsPage() {
  const { refresh } = useSession();
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirmingMany, setConfirmingMany] = useState(false);
  const [busy, setBusy] = useState(false);
  const searchId = useId();
  const list = usePagedList<Connection>((caught) => setMessage({ kind: 'error', text: errorSentence(caught) }));
  const { items, setItems, first } = list;

  useEffect(() => {
    const timer = setTimeout(() => void first(() => listConnections(query)).then(() => setSelected(new Set())), query ? 250 : 0);
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

  async function removeSelected() {
    const memberIds = [...selected];
    setConfirmingMany(false);
    setBusy(true);
    try {
      const { removed, notConnected } = await removeConnections(memberIds);
      const gone = new Set([...removed, ...notConnected]);
      setItems((old) => (old ?? []).filter((item) => !gone.has(item.member.id)));
      setSelected(new Set());
      setMessage({
        kind: 'success',
        text:
          `Removed ${plural(removed.length, 'connection')}. They are not told.` +
          (notConnected.length > 0 ? ` ${plural(notConnected.length, 'member was', 'members were')} no longer connected with you.` : ''),
      });
      void refresh();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  function toggle(memberId: string) {
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(memberId)) next.delete(memberId);
      else next.add(memberId);
      return next;
    });
  }

  const shown = items ?? [];
  const allSelected = shown.length > 0 && shown.every((item) => selected.has(item.member.id));
  const chosen = shown.filter((item) => selected.has(item.member.id));
  const tooMany = selected.size > MAX_AT_ONCE;

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
        <>
        <div className="bulk-bar" role="group" aria-label="Remove several connections">
          <label className="check">
            <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(shown.map((item) => item.member.id)))} data-testid="select-all-connections" />
            Select all
          </label>
          <span className="muted">{selected.size > 0 ? `${selected.size} selected` : ''}</span>
          {tooMany ? <span className="refusal small">Up to {MAX_AT_ONCE} at a time.</span> : null}
          <button type="button" className="button small danger" disabled={selected.size === 0 || tooMany || busy} onClick={() => setConfirmingMany(true)} data-testid="remove-selected">
            Remove selected
          </button>
        </div>
        <ul className="cards" data-testid="connections-list">
          {items.map((connection) => (
            <li key={connection.member.id} className="card row connection-row" data-testid="connection" data-member-id={connection.member.id}>
              <label className="check select-one">
                <input type="checkbox" checked={selected.has(connection.member.id)} onChange={() => toggle(connection.member.id)} />
                <span className="visually-hidden">Select {connection.member.name}</span>
              </label>
              <MemberLine member={connection.member} extra={<div className="muted small">Connected on {formatDate(connection.connectedAt)}</div>} />
              <button type="button" className="button secondary small" onClick={() => setRemoving(connection)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        </>
      )}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => listConnections(query, cursor))} />
      {confirmingMany ? (
        <Dialog title={`Remove ${plural(selected.size, 'connection')}?`} open onClose={() => setConfirmingMany(false)}>
          <p>These members will no longer be your connections. They are not told; you simply leave each other's lists.</p>
          <ul className="remove-list" data-testid="remove-selected-names">
            {chosen.map((item) => (
              <li key={item.member.id}>{item.member.name}</li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setConfirmingMany(false)}>
              Cancel
            </button>
            <button type="button" className="button danger" onClick={() => void removeSelected()} data-testid="confirm-remove-selected">
              Remove {plural(selected.size, 'connection')}
            </button>
          </div>
        </Dialog>
      ) : null}
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
