import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MemberSummary } from '../../../ui/api-types.js';
import { Notice } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { findPeople, loadManager, setManager } from '../api/manager.js';

/**
 * Names your manager. It is shown on your profile, and your manager is reminded before inviting
 * you that many people would rather not be connected with their boss.
 */
export function ManagerField({ managerId, onSaved }: { managerId: string | null; onSaved: () => void }) {
  const [current, setCurrent] = useState<MemberSummary | null>(null);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<MemberSummary[]>([]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const id = useId();

  useEffect(() => {
    if (managerId === null) return setCurrent(null);
    loadManager(managerId).then(setCurrent, () => setCurrent(null));
  }, [managerId]);

  async function search(event: FormEvent) {
    event.preventDefault();
    try {
      setMatches(await findPeople(query.trim()));
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  async function choose(manager: MemberSummary | null) {
    try {
      await setManager(manager?.id ?? null);
      setCurrent(manager);
      setMatches([]);
      setQuery('');
      setMessage({ kind: 'success', text: manager ? `${manager.name} is now shown as your manager.` : 'Your profile no longer names a manager.' });
      onSaved();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  return (
    <div className="stack" data-testid="manager-field">
      <h3>Your manager</h3>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <p className="muted small">
        {current ? `Now: ${current.name}. ` : 'Nobody yet. '}Shown on your profile; your manager also sees a reminder before inviting you to connect.
      </p>
      <form className="inline-form" onSubmit={(e) => void search(e)}>
        <label htmlFor={id}>Find your manager</label>
        <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name" />
        <button type="submit" className="button secondary small">
          Find
        </button>
        {current ? (
          <button type="button" className="button link small" onClick={() => void choose(null)}>
            Remove manager
          </button>
        ) : null}
      </form>
      {matches.length > 0 ? (
        <ul className="plain-list" aria-label="People found">
          {matches.map((member) => (
            <li key={member.id}>
              {member.name}{' '}
              <button type="button" className="button secondary small" onClick={() => void choose(member)}>
                Set as my manager
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
