import { useEffect, useState } from 'react';
import type { MemberProfile } from '../../../ui/api-types.js';
import { LoadMore, Notice, Spinner } from '../../../ui/components.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { PersonCard, type PersonInGraph } from '../../../ui/person-card.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { listCompanyPeople } from '../api/company-people.js';

/** A company page's people (members whose current position names it), each with your degree and Connect. */
export function CompanyPeople({ company }: { company: MemberProfile }) {
  const [error, setError] = useState<string | null>(null);
  const list = usePagedList<PersonInGraph>((caught) => setError(errorSentence(caught)), { emptyOnError: true });
  const { items, first } = list;

  useEffect(() => {
    void first(() => listCompanyPeople(company.id), { clear: true });
  }, [company.id, first]);

  return (
    <section className="panel" aria-labelledby="people-title" data-testid="company-people">
      <h2 id="people-title">People at {company.name}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p className="muted">Nobody lists {company.name} as where they work now.</p>
      ) : (
        <ul className="cards">
          {items.map((person) => (
            <PersonCard key={person.id} person={person} testId="company-person" />
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => listCompanyPeople(company.id, cursor))} />
    </section>
  );
}
