import { useState } from 'react';
import type { NotifiedInvitation } from '../../../ui/api-types.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { answerInvitation } from '../api/notifications.js';

const OUTCOME: Record<NotifiedInvitation['status'], string | null> = {
  pending: null,
  accepted: 'Accepted. You are connected.',
  ignored: 'Ignored. They are not told.',
  declined: 'You declined this invitation.',
  reported: 'You reported this invitation.',
  expired: 'This invitation expired.',
};

/**
 * Accept and Ignore on an invitation's notification, while the invitation is pending (the API says
 * which answers to offer); afterwards, what came of it.
 */
export function InvitationAnswer({ invitation, senderName, onAnswered }: { invitation: NotifiedInvitation; senderName: string; onAnswered?: () => void }) {
  const [current, setCurrent] = useState(invitation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function answer(action: 'accept' | 'ignore') {
    setBusy(true);
    setError(null);
    try {
      await answerInvitation(current.id, action);
      setCurrent({ ...current, status: action === 'accept' ? 'accepted' : 'ignored', actions: [] });
      onAnswered?.();
    } catch (caught) {
      setError(errorSentence(caught));
    } finally {
      setBusy(false);
    }
  }

  const outcome = current.status === 'accepted' ? `Accepted. You and ${senderName} are connected.` : current.status === 'ignored' ? `Ignored. ${senderName} is not told.` : OUTCOME[current.status];
  return (
    <div className="invitation-answer" data-testid="invitation-answer" data-status={current.status}>
      {current.actions.includes('accept') ? (
        <button type="button" className="button small" disabled={busy} onClick={() => void answer('accept')}>
          Accept<span className="visually-hidden"> {senderName}'s invitation</span>
        </button>
      ) : null}
      {current.actions.includes('ignore') ? (
        <button type="button" className="button small secondary" disabled={busy} onClick={() => void answer('ignore')}>
          Ignore<span className="visually-hidden"> {senderName}'s invitation</span>
        </button>
      ) : null}
      {current.actions.length === 0 && outcome ? (
        <span className="invitation-outcome" role="status">
          {outcome}
        </span>
      ) : null}
      {error ? <p className="refusal small">{error}</p> : null}
    </div>
  );
}
