import { useEffect, useState } from 'react';
import type { Suggestion } from '../../../ui/api-types.js';
import { Avatar, DegreeBadge, LoadMore } from '../../../ui/components.js';
import { isAltchaChallenge, solveAltcha } from '../../../ui/connect/altcha.js';
import { ConnectDialog } from '../../../ui/connect/connect-dialog.js';
import { sendInvitation } from '../../../ui/connect/send-invitation.js';
import { plural } from '../../../ui/format.js';
import { ApiError } from '../../../ui/http.js';
import { errorSentence, problemSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import '../../network/components/network.css';
import { useSession } from '../../../ui/session.js';
import { dismissSuggestion, listSuggestions } from '../api/suggestions.js';

type CardState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'refused'; text: string };

const EMAIL_FIXABLE = new Set(['not_eligible', 'email_required']);

/**
 * People you may know: friends of friends with what you share. Connect sends the generic message
 * at once, as on LinkedIn; when the answer needs the recipient's email, the Connect dialog asks.
 * Renders nothing when the server has no suggestions endpoint.
 */
export function SuggestionsPanel() {
  const { refresh } = useSession();
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [available, setAvailable] = useState(true);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [states, setStates] = useState<Record<string, CardState>>({});
  const [dialogFor, setDialogFor] = useState<Suggestion | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listSuggestions()
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
      })
      .catch((caught) => {
        if (!live) return;
        if (caught instanceof ApiError && caught.status === 404) setAvailable(false);
        else setError(errorSentence(caught));
      });
    return () => {
      live = false;
    };
  }, []);

  if (!available) return null;

  const setState = (id: string, state: CardState) => setStates((old) => ({ ...old, [id]: state }));

  async function more() {
    if (!nextCursor) return;
    try {
      const page = await listSuggestions(nextCursor);
      setItems((old) => [...(old ?? []), ...page.items.filter((item) => !(old ?? []).some((o) => o.member.id === item.member.id))]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }

  async function connect(suggestion: Suggestion, captcha?: string): Promise<void> {
    const id = suggestion.member.id;
    setState(id, { kind: 'sending' });
    try {
      await sendInvitation({ recipientId: id, ...(captcha ? { captcha } : {}) });
      setState(id, { kind: 'sent' });
      void refresh();
    } catch (caught) {
      if (!(caught instanceof ApiError)) {
        setState(id, { kind: 'refused', text: errorSentence(caught) });
        return;
      }
      const problem = caught.problem;
      if (problem.code === 'captcha_required' && !captcha && isAltchaChallenge(problem.challenge)) {
        const solved = await solveAltcha(problem.challenge);
        if (solved) return connect(suggestion, solved);
      }
      if (EMAIL_FIXABLE.has(problem.code)) {
        setState(id, { kind: 'idle' });
        setDialogFor(suggestion);
        return;
      }
      setState(id, { kind: 'refused', text: problemSentence(problem) });
    }
  }

  async function dismiss(suggestion: Suggestion) {
    const id = suggestion.member.id;
    const index = (items ?? []).findIndex((item) => item.member.id === id);
    setItems((old) => (old ?? []).filter((item) => item.member.id !== id));
    // Keep keyboard focus in the list: on the next card's Connect button, or the heading.
    setTimeout(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>('[data-testid="suggestion"] .suggestion-connect');
      const next = buttons[Math.min(index, buttons.length - 1)];
      if (next) next.focus();
      else document.getElementById('suggestions-title')?.focus();
    }, 0);
    try {
      await dismissSuggestion(id);
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }

  return (
    <section className="suggestions-section" aria-labelledby="suggestions-title">
      <div className="list-head">
        <h2 id="suggestions-title" tabIndex={-1}>
          People you may know
        </h2>
      </div>
      {error ? <p className="refusal small">{error}</p> : null}
      {items === null ? null : items.length === 0 ? (
        <div className="empty" data-testid="suggestions-empty">
          <p>No suggestions right now. They come from your connections’ connections: find a few people you know first.</p>
          <div className="suggestions-empty-actions">
            <Link to="/search" className="button small secondary">
              Find people
            </Link>
            <Link to="/contacts" className="button small secondary">
              Import your contacts
            </Link>
          </div>
        </div>
      ) : (
        <ul className="suggestions" data-testid="suggestions">
          {items.map((suggestion) => {
            const { member } = suggestion;
            const state = states[member.id] ?? { kind: 'idle' };
            return (
              <li key={member.id} className="card suggestion" data-testid="suggestion">
                <button type="button" className="icon-button suggestion-dismiss" aria-label={`Dismiss ${member.name}`} title="Not interested" onClick={() => void dismiss(suggestion)}>
                  <span aria-hidden="true">×</span>
                </button>
                <Avatar member={member} size={64} />
                <div className="suggestion-name">
                  <Link to={`/members/${member.id}`} className="member-name">
                    {member.name}
                  </Link>{' '}
                  <DegreeBadge degree={suggestion.degree === 2 || suggestion.degree === 3 ? suggestion.degree : null} />
                </div>
                {member.headline ? <p className="muted small suggestion-headline">{member.headline}</p> : null}
                <ul className="reasons">
                  {(suggestion.reasons.length > 0 ? suggestion.reasons : [plural(suggestion.mutualConnections, 'mutual connection')]).slice(0, 3).map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
                {state.kind === 'sent' ? (
                  <span className="badge status status-pending" role="status">
                    Invitation sent
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button secondary small suggestion-connect"
                    disabled={state.kind === 'sending'}
                    aria-label={state.kind === 'sending' ? `Sending invitation to ${member.name}` : `Connect with ${member.name}`}
                    onClick={() => void connect(suggestion)}
                  >
                    {state.kind === 'sending' ? 'Sending…' : 'Connect'}
                  </button>
                )}
                {state.kind === 'refused' ? <p className="small refusal">{state.text}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore hasMore={nextCursor !== null} onMore={more} label="Show more people" />
      {dialogFor ? (
        <ConnectDialog
          member={dialogFor.member}
          requiresEmail
          open
          onClose={() => setDialogFor(null)}
          onSent={() => {
            setState(dialogFor.member.id, { kind: 'sent' });
            void refresh();
          }}
        />
      ) : null}
    </section>
  );
}
