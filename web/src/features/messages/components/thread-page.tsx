import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { DirectMessage, MemberProfile, Relationship } from '../../../ui/api-types.js';
import { Avatar, DegreeBadge, LoadMore, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { useAllowances } from '../../../ui/allowances.js';
import { formatDateTime, formatRenewal, plural } from '../../../ui/format.js';
import { lengthCap, usePolicy } from '../../../ui/policy.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { loadMember, readConversation, sendMessage } from '../api/messages.js';
import { ReportMemberButton } from '../../member-reports/components/report-member-button.js';
import { ApiError } from '../../../ui/http.js';
import { FormerMemberThread } from './former-member-thread.js';

/** One conversation, oldest first, and the box to write the next message. */
export function ThreadPage({ memberId }: { memberId: string }) {
  const { account } = useSession();
  const { allowances, failed: allowancesFailed, reload: reloadAllowances } = useAllowances();
  const [other, setOther] = useState<{ member: MemberProfile; relationship: Relationship } | null>(null);
  // The other member closed their account: their profile is gone, the conversation stays readable.
  const [former, setFormer] = useState(false);
  const [messages, setMessages] = useState<DirectMessage[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { body: useId(), help: useId() };
  const bodyMax = lengthCap(usePolicy(), 'messageMaxLength');

  const load = useCallback(async () => {
    try {
      const gone = (caught: unknown) => {
        if (caught instanceof ApiError && caught.code === 'not_found') return null;
        throw caught;
      };
      const [member, page] = await Promise.all([loadMember(memberId).catch(gone), readConversation(memberId)]);
      setOther(member);
      setFormer(member === null);
      setMessages([...page.items].reverse());
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }, [memberId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function earlier() {
    if (!nextCursor) return;
    try {
      const page = await readConversation(memberId, nextCursor);
      setMessages((old) => [...[...page.items].reverse(), ...(old ?? [])]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setNotice({ kind: 'error', text: errorSentence(caught) });
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setBusy(true);
    setNotice(null);
    try {
      const answer = await sendMessage(memberId, body);
      setMessages((old) => [...(old ?? []), answer.message]);
      setDraft('');
      if (answer.message.kind === 'inmail') {
        setNotice({ kind: 'success', text: 'InMail sent. It used one of your credits for this month.' });
        void reloadAllowances();
      }
    } catch (caught) {
      setNotice({ kind: 'error', text: errorSentence(caught) });
      void reloadAllowances(); // a refusal for spent credits: show what is left
    } finally {
      setBusy(false);
    }
  }

  if (error) {
    return (
      <>
        <PageTitle>Messages</PageTitle>
        <Notice kind="error">{error}</Notice>
        <p>
          <Link to="/messages">Back to your messages</Link>
        </p>
      </>
    );
  }
  if (former && messages) return <FormerMemberThread messages={messages} myId={account.member.id} hasEarlier={nextCursor !== null} onEarlier={earlier} />;
  if (!other || !messages) return <Spinner />;

  const { member, relationship } = other;
  const firstName = member.name.split(/\s+/)[0] ?? member.name;
  const theyWrote = messages.some((m) => m.senderId === member.id);
  const free = relationship.degree === 1 || theyWrote;
  // Writing to a non-connection spends an InMail credit: the server's count says whether one is left.
  const inmail = allowances?.inmail ?? null;
  const mayInMail = !free && inmail !== null && inmail.remaining > 0;
  const waitingForCredits = !free && inmail === null && !allowancesFailed;
  const closed = !free && !mayInMail && !waitingForCredits;
  const renews = inmail ? formatRenewal(inmail.renewsAt) : '';

  return (
    <>
      <PageTitle>{`Messages with ${member.name}`}</PageTitle>
      <section className="card thread-head" aria-label={`About ${member.name}`}>
        <div className="member-line">
          <Avatar member={member} size={48} />
          <div className="member-line-text">
            <Link to={`/members/${member.id}`} className="member-name">
              {member.name}
            </Link>{' '}
            <DegreeBadge degree={relationship.degree} />
            {member.headline ? <div className="muted small">{member.headline}</div> : null}
          </div>
          <span style={{ marginLeft: 'auto' }}>
            <ReportMemberButton member={member} source="conversation" />
          </span>
        </div>
      </section>

      <section className="panel thread-panel" aria-labelledby="conversation-title">
        <h2 id="conversation-title" className="visually-hidden">
          Conversation
        </h2>
        <LoadMore hasMore={nextCursor !== null} onMore={earlier} label="Show earlier messages" className="button link small" />
        {messages.length === 0 ? (
          <p className="muted">No messages yet. Say hello.</p>
        ) : (
          <ol className="thread direct-thread" data-testid="direct-thread">
            {messages.map((item) => {
              const mine = item.senderId === account.member.id;
              return (
                <li key={item.id} className={`thread-item${mine ? ' mine' : ''}`} data-testid="direct-message">
                  <div className="thread-meta">
                    {mine ? 'You' : firstName} · {formatDateTime(item.createdAt)}
                    {item.kind === 'inmail' ? <span className="badge inmail-badge">InMail</span> : null}
                  </div>
                  <p>{item.body}</p>
                </li>
              );
            })}
          </ol>
        )}
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        {waitingForCredits ? (
          <Spinner />
        ) : closed ? (
          <Notice kind="info">
            <span data-testid="message-not-allowed">
              You can message your connections, and anyone who has written to you. {firstName} is not a connection yet
              {inmail && inmail.limit > 0
                ? `, and you have used all ${plural(inmail.limit, 'InMail credit')} for this month: they renew on ${renews}`
                : inmail?.limit === 0 && account.member.tier === 'free'
                  ? ', and InMail to people outside your network comes with premium'
                  : ''}
              .{' '}
              <Link to={`/members/${member.id}`}>Connect with {firstName} first</Link>.
            </span>
          </Notice>
        ) : (
          <form className="stack" onSubmit={send}>
            {mayInMail ? (
              <p className="hint" id={ids.help} data-testid="inmail-hint">
                {firstName} is not a connection, so this is an InMail: it uses one credit.{' '}
                <span data-testid="inmail-credits">
                  {inmail.remaining} of {plural(inmail.limit, 'InMail credit')} left this month, renew on {renews}.
                </span>
              </p>
            ) : null}
            <div className="field">
              <label htmlFor={ids.body}>Write to {firstName}</label>
              <textarea
                id={ids.body}
                rows={3}
                value={draft}
                maxLength={bodyMax}
                onChange={(e) => setDraft(e.target.value)}
                disabled={busy}
                aria-describedby={mayInMail ? ids.help : undefined}
              />
            </div>
            <div className="actions left">
              <button type="submit" className="button" disabled={busy || !draft.trim()}>
                {busy ? 'Sending…' : mayInMail ? 'Send InMail' : 'Send'}
              </button>
            </div>
          </form>
        )}
      </section>
      <p className="muted small back-link">
        <Link to="/messages">Back to your messages</Link>
      </p>
    </>
  );
}
