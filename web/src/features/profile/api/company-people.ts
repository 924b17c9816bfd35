import type { Page } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';
import type { PersonInGraph } from '../../../ui/person-card.js';

/** A company page's people: members whose current position names the company. */
export function listCompanyPeople(companyId: string, cursor?: string | null): Promise<Page<PersonInGraph>> {
  return http.get<Page<PersonInGraph>>(`/members/${companyId}/people`, { cursor, limit: 10 });
}
