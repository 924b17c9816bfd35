import { useEffect, useId, useState, type FormEvent } from 'react';
import type { InvitationMessage, ReceivedInvitation } from '../../../ui/api-types.js';
import { Dialog, Notice } from '../../../ui/components.js';
import { formatDateTime } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { listMessages, replyToInvitation } from '../api/received.js';

export function ReplyDialog({ invitation, onClose }: { invitation: ReceivedInvitation; onClose: () => void }) {
  const [thread, setThread] = useState<InvitationMessage[] | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const fieldId = useId();

  useEffect(() => {
    listMessages(invitation.id)
      .then((answer) => setThread(answer.items))
      .catch(() => setThread([]));
  }, [invitation.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!message.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await replyToInvitation(invitation.id, message.trim());
      setThread((old) => [...(old ?? []), answer.message]);
      setMessage('');
      setSent(true);
    } catch (caught) {
      setError(errorSentence(caught));
    } finally {
      setBusy(false);
    }
  }

  const name = (authorId: string) => (authorId === invitation.sender.id ? invitation.sender.name : 'You');

  return (
    <Dialog title={`Reply to ${invitation.sender.name}`} open onClose={onClose}>
      <p className="muted">Write back without accepting. Only {invitation.sender.name} sees your message; the invitation stays open.</p>
      <div className="thread">
        <div className="thread-item">
          <div className="thread-meta">
            {invitation.sender.name} · {formatDateTime(invitation.createdAt)}
          </div>
          <p>{invitation.message}</p>
        </div>
        {(thread ?? []).map((item) => (
          <div className="thread-item" key={item.id}>
            <div className="thread-meta">
              {name(item.authorId)} · {formatDateTime(item.createdAt)}
            </div>
            <p>{item.body}</p>
          </div>
        ))}
      </div>
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor={fieldId}>Your message</label>
          <textarea id={fieldId} rows={4} value={message} onChange={(e) => setMessage(e.target.value)} disabled={busy} />
        </div>
        {error ? <Notice kind="error">{error}</Notice> : null}
        {sent ? <Notice kind="success">Message sent.</Notice> : null}
        <div className="actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button" disabled={busy || !message.trim()}>
            Send reply
          </button>
        </div>
      </form>
    </Dialog>
  );
}
