import type { FormEvent, ReactNode } from 'react';
import type { AdminMember } from '../api/member-tier.js';
import { Notice, Spinner } from '../../../ui/components.js';
import type { PanelMessage } from './use-member-search.js';

/**
 * The find-a-member form of an admin panel with its message and result states; `children` renders
 * the members found (called only when there are some).
 */
export function MemberSearchForm({
  label,
  query,
  setQuery,
  search,
  searching,
  inputId,
  message,
  members,
  children,
}: {
  label: string;
  query: string;
  setQuery: (query: string) => void;
  search: (event: FormEvent) => void;
  searching: boolean;
  inputId: string;
  message: PanelMessage;
  members: AdminMember[] | null;
  children: (members: AdminMember[]) => ReactNode;
}) {
  return (
    <>
      <form className="inline-form" role="search" onSubmit={search}>
        <label htmlFor={inputId} className="visually-hidden">
          {label}
        </label>
        <input id={inputId} type="search" className="grow" placeholder="Name or email address" value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button secondary" disabled={!query.trim() || searching}>
          Find
        </button>
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {searching ? <Spinner label="Searching…" /> : members === null ? null : members.length === 0 ? <p className="muted">Nobody matches that name or address.</p> : children(members)}
    </>
  );
}
