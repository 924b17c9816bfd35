import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Invitation, InvitationMessage } from '../../../ui/api-types.js';
import { Avatar, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { formatDateTime, HOW_WE_MET_LABELS } from '../../../ui/format.js';
import { lengthCap, usePolicy } from '../../../ui/policy.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { useClaimNavSection } from '../../../ui/nav-section.js';
import { useSession } from '../../../ui/session.js';
import { acceptInvitation, getInvitation, ignoreInvitation, listMessages, replyToInvitation } from '../api/received.js';

const STATUS_TEXT: Record<string, string> = {
  pending: 'Waiting for an answer',
  accepted: 'Accepted',
  ignored: 'Ignored',
  declined: 'Declined',
  reported: 'Reported',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

/** One invitation and its message thread: where the "wrote to you" notification and mail link lead. */
export function InvitationPage({ invitationId }: { invitationId: string }) {
  const { account, refresh } = useSession();
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [thread, setThread] = useState<InvitationMessage[]>([]);
  const [cannotWrite, setCannotWrite] = useState<'closed' | 'wait_for_recipient' | null>('closed');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  const replyMax = lengthCap(usePolicy(), 'replyMaxLength');

  const load = useCallback(async () => {
    try {
      const [answer, messages] = await Promise.all([getInvitation(invitationId), listMessages(invitationId)]);
      setInvitation(answer.invitation);
      setThread(messages.items);
      setCannotWrite(messages.cannotWrite);
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }, [invitationId]);

  useEffect(() => {
    void load();
  }, [load]);
  // Your own sent invitation belongs under Sent in the top bar, not My Network.
  useClaimNavSection(window.location.pathname, invitation && invitation.sender.id === account.member.id ? '/sent' : null);

  if (error) {
    return (
      <>
        <PageTitle>Invitation</PageTitle>
        <Notice kind="error">{error}</Notice>
        <p>
          <Link to="/invitations">Go to your invitations</Link>
        </p>
      </>
    );
  }
  if (!invitation) return <Spinner />;

  const iAmSender = invitation.sender.id === account.member.id;
  const other = iAmSender ? invitation.recipient : invitation.sender;
  const otherName = other?.name ?? invitation.recipientEmail ?? 'them';
  const canAnswer = !iAmSender && invitation.status === 'pending';

  async function act(run: () => Promise<unknown>, text: string) {
    setBusy(true);
    setMessage(null);
    try {
      await run();
      setMessage({ kind: 'success', text });
      await Promise.all([load(), refresh()]);
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    setMessage(null);
    try {
      const answer = await replyToInvitation(invitationId, draft.trim());
      setThread((old) => [...old, answer.message]);
      setDraft('');
      setMessage({ kind: 'success', text: `Message sent. Only ${otherName} reads it.` });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  const author = (id: string) => (id === account.member.id ? 'You' : otherName);

  return (
    <>
      <PageTitle
        lead={
          iAmSender
            ? 'Your invitation and the messages about it.'
            : 'An invitation to connect and the messages about it. Writing back does not accept it.'
        }
      >
        {iAmSender ? `Your invitation to ${otherName}` : `Invitation from ${otherName}`}
      </PageTitle>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <section className="card invitation-detail" aria-label="The invitation">
        <div className="member-line">
          {other ? <Avatar member={other} size={56} /> : <span className="avatar avatar-email" aria-hidden="true">@</span>}
          <div className="member-line-text">
            {other ? (
              <Link to={`/members/${other.id}`} className="member-name">
                {other.name}
              </Link>
            ) : (
              <span className="member-name">{otherName}</span>
            )}
            {other?.headline ? <div className="muted">{other.headline}</div> : null}
          </div>
          <span className={`badge status status-${invitation.status}`}>{STATUS_TEXT[invitation.status] ?? invitation.status}</span>
        </div>
        <div className="meta">
          <span>Sent {formatDateTime(invitation.createdAt)}</span>
          {invitation.howWeMet ? <span>{HOW_WE_MET_LABELS[invitation.howWeMet]}</span> : null}
        </div>
        <blockquote className={invitation.note ? 'note' : 'note default'}>{invitation.message}</blockquote>
        {canAnswer ? (
          <div className="actions left">
            <button type="button" className="button" disabled={busy} onClick={() => void act(() => acceptInvitation(invitation.id), `You and ${otherName} are now connected.`)}>
              Accept
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => void act(() => ignoreInvitation(invitation.id), `Ignored. ${otherName} is not told.`)}>
              Ignore
            </button>
          </div>
        ) : null}
      </section>

      <section className="panel thread-panel" aria-labelledby="thread-title">
        <h2 id="thread-title">Messages</h2>
        {thread.length === 0 ? (
          <p className="muted">No messages yet.</p>
        ) : (
          <ol className="thread" data-testid="thread">
            {thread.map((item) => (
              <li className={`thread-item${item.authorId === account.member.id ? ' mine' : ''}`} key={item.id}>
                <div className="thread-meta">
                  {author(item.authorId)} · {formatDateTime(item.createdAt)}
                </div>
                <p>{item.body}</p>
              </li>
            ))}
          </ol>
        )}
        {cannotWrite === null ? (
          <form className="stack" onSubmit={send}>
            <div className="field">
              <label htmlFor={fieldId}>Write to {otherName}</label>
              <textarea id={fieldId} rows={3} value={draft} maxLength={replyMax} onChange={(e) => setDraft(e.target.value)} disabled={busy} />
            </div>
            <div className="actions left">
              <button type="submit" className="button" disabled={busy || !draft.trim()}>
                Send message
              </button>
            </div>
          </form>
        ) : (
          <p className="muted small">
            {cannotWrite === 'closed'
              ? 'This invitation is closed, so the conversation is too.'
              : 'You can write here once they have written to you: a second message before that would be another nudge.'}
          </p>
        )}
      </section>
      <p className="muted small back-link">
        <Link to={iAmSender ? '/sent' : '/invitations'}>{iAmSender ? 'Back to sent invitations' : 'Back to your invitations'}</Link>
      </p>
    </>
  );
}
