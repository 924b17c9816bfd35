import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { LoadMore, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { PersonCard } from '../../../ui/person-card.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { navigate } from '../../../ui/router.js';
import './search-page.css';
import { filtersFromQuery, searchMembers, searchPath, type SearchField, type SearchFilters, type SearchResult } from '../api/search.js';

const FILTER_FIELDS: { field: Exclude<SearchField, 'q'>; label: string; placeholder: string }[] = [
  { field: 'company', label: 'Company', placeholder: 'e.g. Northwind' },
  { field: 'title', label: 'Job title', placeholder: 'e.g. Designer' },
  { field: 'school', label: 'School', placeholder: 'e.g. Northfield University' },
  { field: 'location', label: 'Location', placeholder: 'e.g. Lisbon' },
  { field: 'skill', label: 'Skill', placeholder: 'e.g. TypeScript' },
  { field: 'group', label: 'Group', placeholder: 'A group they are in' },
];

const DEGREES = [
  { value: '1', label: '1st' },
  { value: '2', label: '2nd' },
  { value: '3', label: '3rd' },
];

/**
 * People search with every filter the API has. The search lives in the address (`/search?q=…&skill=…
 * &degree=1,2`): each search is a new history entry, so it can be bookmarked, shared, and gone back to.
 */
export function SearchPage({ query }: { query: URLSearchParams }) {
  const key = query.toString();
  const applied = useMemo(() => filtersFromQuery(new URLSearchParams(key)), [key]);
  const [draft, setDraft] = useState<SearchFilters>(applied);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const list = usePagedList<SearchResult>((caught) => setError(errorSentence(caught)));
  const { items, first } = list;

  useEffect(() => {
    setDraft(applied);
    setError(null);
    void first(() => searchMembers(applied), { clear: true });
  }, [applied, first]);

  const degrees = new Set((draft.degree ?? '').split(',').filter(Boolean));
  const setField = (field: keyof SearchFilters, value: string) => setDraft((old) => ({ ...old, [field]: value }));
  function toggleDegree(value: string, on: boolean) {
    const next = new Set(degrees);
    if (on) next.add(value);
    else next.delete(value);
    setField('degree', [...next].sort().join(','));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const path = searchPath(draft);
    if (path === searchPath(applied)) void first(() => searchMembers(applied)); // the same search: read it again
    else navigate(path);
  }

  const filterCount = Object.keys(applied).filter((field) => field !== 'q').length;

  return (
    <>
      <PageTitle lead="Find people by name or headline, and narrow down by company, title, school, location, skill, group and degree.">Search people</PageTitle>
      <form className="search-form" onSubmit={submit} role="search" data-testid="search-form">
        <div className="toolbar">
          <div className="field inline grow">
            <label htmlFor={`${ids}-q`}>Search</label>
            <input id={`${ids}-q`} type="search" value={draft.q ?? ''} onChange={(e) => setField('q', e.target.value)} placeholder="e.g. Ada, designer, Northwind" />
          </div>
          <button type="submit" className="button">
            Search
          </button>
        </div>
        <fieldset className="search-filters">
          <legend>Filters</legend>
          <div className="search-filter-grid">
            {FILTER_FIELDS.map(({ field, label, placeholder }) => (
              <div className="field" key={field}>
                <label htmlFor={`${ids}-${field}`}>{label}</label>
                <input id={`${ids}-${field}`} value={draft[field] ?? ''} onChange={(e) => setField(field, e.target.value)} placeholder={placeholder} maxLength={120} />
              </div>
            ))}
          </div>
          <div className="search-degrees" role="group" aria-label="Degree of connection">
            <span className="muted small">Degree of connection:</span>
            {DEGREES.map(({ value, label }) => (
              <label key={value} className="check">
                <input type="checkbox" checked={degrees.has(value)} onChange={(e) => toggleDegree(value, e.target.checked)} /> {label}
              </label>
            ))}
            {filterCount > 0 || applied.q ? (
              <button type="button" className="button link small" onClick={() => navigate('/search')}>
                Clear all
              </button>
            ) : null}
          </div>
        </fieldset>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p className="empty">{Object.keys(applied).length > 0 ? 'Nobody matches this search. Try fewer filters.' : 'No members to show yet.'}</p>
      ) : (
        <ul className="cards" data-testid="search-results">
          {items.map((member) => (
            <PersonCard key={member.id} person={member} testId="search-result" />
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => searchMembers(applied, cursor))} />
    </>
  );
}
