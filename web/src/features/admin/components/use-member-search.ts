import { useId, useState, type FormEvent } from 'react';
import { errorSentence } from '../../../ui/problem-text.js';
import { findMembers, type AdminMember } from '../api/member-tier.js';

export type PanelMessage = { kind: 'success' | 'error'; text: string } | null;

/** The find-a-member form every admin panel that acts on one member starts with. */
export function useMemberSearch() {
  const [query, setQuery] = useState('');
  const [members, setMembers] = useState<AdminMember[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [message, setMessage] = useState<PanelMessage>(null);
  const inputId = useId();

  async function search(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setMessage(null);
    setSearching(true);
    try {
      setMembers((await findMembers(q)).items);
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setSearching(false);
    }
  }

  return { query, setQuery, members, setMembers, searching, search, message, setMessage, inputId };
}
