import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ReceivedInvitation } from '../../../ui/api-types.js';
import { Avatar, DegreeBadge, LoadMore, MoreMenu, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { formatRelative, HOW_WE_MET_LABELS, plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { SuggestionsPanel } from '../../suggestions/components/suggestions-panel.js';
import { useNetworkCounts } from '../../network/api/network-counts.js';
import { ManageNetwork } from '../../network/components/manage-network.js';
import { NetworkWelcome } from '../../network/components/network-welcome.js';
import { acceptInvitation, answerMany, declineInvitation, ignoreInvitation, listReceived, reportInvitation } from '../api/received.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ReplyDialog } from './reply-dialog.js';

type Confirm = { title: string; body: string; confirmLabel: string; run: () => void };

/** "Ann and 3 others you know", "Ann is a mutual connection", or the bare count. */
function MutualConnections({ invitation }: { invitation: ReceivedInvitation }) {
  const count = invitation.mutualConnections;
  const top = invitation.topMutualConnection;
  if (count === 0) return <span data-testid="mutual-summary">No mutual connections</span>;
  if (!top) return <span data-testid="mutual-summary">{plural(count, 'mutual connection')}</span>;
  const name = (
    <Link to={`/members/${top.id}`} className="mutual-name">
      {top.name}
    </Link>
  );
  return (
    <span className="mutual" data-testid="mutual-summary">
      <Avatar member={top} size={22} />
      <span>{count === 1 ? <>{name} is a mutual connection</> : <>{name} and {plural(count - 1, 'other')} you know</>}</span>
    </span>
  );
}

export function ReceivedPage() {
  const { account, refresh } = useSession();
  const counts = useNetworkCounts(account);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [replyTo, setReplyTo] = useState<ReceivedInvitation | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // What became of each invitation answered on this page, shown in its card's place (not above the fold).
  const [answered, setAnswered] = useState<Record<string, string>>({});
  const justAnswered = useRef<string | null>(null);
  const searchId = useId();
  const marked = useRef(false);

  const list = usePagedList<ReceivedInvitation>((caught) => setMessage({ kind: 'error', text: errorSentence(caught) }), { emptyOnError: true });
  const { items, setItems, first } = list;

  const load = useCallback(
    async (q: string) => {
      if (await first(() => listReceived({ q }))) setSelected(new Set());
    },
    [first],
  );

  useEffect(() => {
    const timer = setTimeout(() => void load(query), query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query, load]);

  // Marks the moment the list is on screen and usable, for the time-to-interactive measurement.
  useEffect(() => {
    if (items !== null && !marked.current) {
      marked.current = true;
      performance.mark('invitations-rendered');
    }
  }, [items]);

  function removeItems(ids: string[]) {
    setItems((old) => (old ?? []).filter((item) => !ids.includes(item.id)));
    setSelected((old) => new Set([...old].filter((id) => !ids.includes(id))));
  }

  async function act(invitation: ReceivedInvitation, run: () => Promise<unknown>, success: string) {
    setBusy(invitation.id);
    setMessage(null);
    try {
      await run();
      setSelected((old) => new Set([...old].filter((id) => id !== invitation.id)));
      justAnswered.current = invitation.id;
      setAnswered((old) => ({ ...old, [invitation.id]: success }));
      void refresh();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(null);
    }
  }

  async function bulk(action: 'accept' | 'ignore') {
    const ids = [...selected];
    if (ids.length === 0) return;
    setBusy('bulk');
    setMessage(null);
    try {
      const { results } = await answerMany(action, ids);
      const done = results.filter((r) => r.ok).map((r) => r.id);
      removeItems(done);
      const failed = results.length - done.length;
      const verb = action === 'accept' ? 'Accepted' : 'Ignored';
      setMessage({
        kind: failed ? 'error' : 'success',
        text: `${verb} ${plural(done.length, 'invitation')}.${failed ? ` ${plural(failed, 'invitation')} could not be answered because it was no longer pending.` : ''}`,
      });
      void refresh();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(null);
    }
  }

  const open = (items ?? []).filter((item) => answered[item.id] === undefined);
  const allSelected = open.length > 0 && open.every((item) => selected.has(item.id));

  return (
    <>
      <PageTitle lead="Your invitations, connections and the people you may know.">My Network</PageTitle>
      <ManageNetwork counts={counts} />
      <div className="list-head">
        <h2 data-testid="invitations-heading">Invitations{counts ? ` (${counts.pendingReceived})` : ''}</h2>
      </div>
      <p className="muted">People who asked to connect with you. Accepting makes you 1st-degree connections; ignoring is silent.</p>
      {/* No search box when no invitation waits: there is nothing to search. */}
      {counts?.pendingReceived === 0 && !query ? null : (
        <div className="toolbar">
          <div className="field inline grow">
            <label htmlFor={searchId}>Search by sender name</label>
            <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name" />
          </div>
        </div>
      )}
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {items === null ? (
        <Spinner />
      ) : items.length === 0 && !query && counts?.connections === 0 && counts.pendingSent === 0 ? (
        <NetworkWelcome />
      ) : items.length === 0 ? (
        <p className="empty" data-testid="invitations-empty">
          {query ? `No pending invitations from anyone named “${query}”.` : 'No pending invitations. When someone asks to connect, it shows up here.'}
        </p>
      ) : (
        <>
          <div className="bulk-bar" role="group" aria-label="Answer several invitations">
            <label className="check">
              <input
                type="checkbox"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(open.map((item) => item.id)))}
              />
              Select all
            </label>
            <span className="muted">{selected.size > 0 ? `${selected.size} selected` : ''}</span>
            <button type="button" className="button small" disabled={selected.size === 0 || busy !== null} onClick={() => void bulk('accept')}>
              Accept all
            </button>
            <button type="button" className="button small secondary" disabled={selected.size === 0 || busy !== null} onClick={() => void bulk('ignore')}>
              Ignore all
            </button>
          </div>
          <ul className="cards" data-testid="received-list">
            {items.map((invitation) =>
              answered[invitation.id] !== undefined ? (
                <li
                  key={invitation.id}
                  className="card invitation-answered"
                  data-testid="answered-invitation"
                  data-invitation-id={invitation.id}
                  ref={(element) => {
                    if (!element || justAnswered.current !== invitation.id) return;
                    justAnswered.current = null;
                    element.scrollIntoView({ block: 'nearest' });
                  }}
                >
                  <Avatar member={invitation.sender} size={40} />
                  <span role="status">{answered[invitation.id]}</span>
                  <Link to={`/members/${invitation.sender.id}`} className="button link small">
                    View profile
                  </Link>
                </li>
              ) : (
                <li key={invitation.id} className="card invitation" data-testid="received-invitation" data-invitation-id={invitation.id}>
                  <label className="check select-one">
                    <input
                      type="checkbox"
                      checked={selected.has(invitation.id)}
                      onChange={() =>
                        setSelected((old) => {
                          const next = new Set(old);
                          if (next.has(invitation.id)) next.delete(invitation.id);
                          else next.add(invitation.id);
                          return next;
                        })
                      }
                    />
                    <span className="visually-hidden">Select the invitation from {invitation.sender.name}</span>
                  </label>
                  <Avatar member={invitation.sender} size={56} />
                  <div className="invitation-body">
                    <div className="invitation-head">
                      <span className="invitation-who">
                        <Link to={`/members/${invitation.sender.id}`} className="member-name">
                          {invitation.sender.name}
                        </Link>{' '}
                        <DegreeBadge degree={invitation.degree} />
                      </span>
                      <span className="muted small">{formatRelative(invitation.createdAt)}</span>
                    </div>
                    {invitation.sender.headline ? <div className="muted">{invitation.sender.headline}</div> : null}
                    <div className="meta">
                      <MutualConnections invitation={invitation} />
                      {invitation.howWeMet ? <span>{HOW_WE_MET_LABELS[invitation.howWeMet]}</span> : null}
                    </div>
                    <blockquote className={invitation.note ? 'note' : 'note default'}>{invitation.message}</blockquote>
                    <div className="actions left">
                      <button
                        type="button"
                        className="button"
                        disabled={busy !== null}
                        onClick={() =>
                          void act(invitation, () => acceptInvitation(invitation.id), `You and ${invitation.sender.name} are now connected.`)
                        }
                      >
                        Accept
                      </button>
                      <button
                        type="button"
                        className="button secondary"
                        disabled={busy !== null}
                        title="The sender is not told. Reminders stop."
                        onClick={() =>
                          void act(invitation, () => ignoreInvitation(invitation.id), `Ignored. ${invitation.sender.name} is not told.`)
                        }
                      >
                        Ignore
                      </button>
                      <MoreMenu
                        label={`More actions for the invitation from ${invitation.sender.name}`}
                        items={[
                          {
                            label: 'Reply',
                            explanation: 'Write back without accepting; only the sender reads it.',
                            onSelect: () => setReplyTo(invitation),
                          },
                          {
                            label: 'Decline',
                            explanation: 'The sender is told, and cannot invite you again.',
                            onSelect: () =>
                              setConfirm({
                                title: `Decline ${invitation.sender.name}'s invitation?`,
                                body: `${invitation.sender.name} will be told you declined and will not be able to invite you again. To say no quietly, use Ignore instead.`,
                                confirmLabel: 'Decline',
                                run: () => void act(invitation, () => declineInvitation(invitation.id), 'Declined. The sender has been told.'),
                              }),
                          },
                          {
                            label: "I don't know this person",
                            explanation: 'Not told to the sender; counts against their standing.',
                            danger: true,
                            onSelect: () =>
                              setConfirm({
                                title: `You don't know ${invitation.sender.name}?`,
                                body: 'The sender is not told who said so, but it counts against their standing: members with several such reports are restricted. They cannot invite you again.',
                                confirmLabel: "I don't know them",
                                run: () =>
                                  void act(invitation, () => reportInvitation(invitation.id, 'dont_know'), 'Thanks. The invitation is gone and they cannot invite you again.'),
                              }),
                          },
                          {
                            label: 'Report spam',
                            explanation: 'For promotion or fake accounts; counts against the sender.',
                            danger: true,
                            onSelect: () =>
                              setConfirm({
                                title: `Report ${invitation.sender.name}'s invitation as spam?`,
                                body: 'Use this for advertising, scams or fake accounts. The sender is not told who reported; the report counts against their standing and they cannot invite you again.',
                                confirmLabel: 'Report spam',
                                run: () => void act(invitation, () => reportInvitation(invitation.id, 'spam'), 'Reported as spam. Thank you.'),
                              }),
                          },
                        ]}
                      />
                    </div>
                  </div>
                </li>
              ),
            )}
          </ul>
          <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => listReceived({ q: query, cursor }))} />
        </>
      )}
      <SuggestionsPanel />
      {replyTo ? <ReplyDialog invitation={replyTo} onClose={() => setReplyTo(null)} /> : null}
      {confirm ? (
        <ConfirmDialog title={confirm.title} body={confirm.body} confirmLabel={confirm.confirmLabel} onConfirm={confirm.run} onClose={() => setConfirm(null)} />
      ) : null}
    </>
  );
}
