import type { Page } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';
import type { PersonInGraph } from '../../../ui/person-card.js';

export type SearchResult = PersonInGraph;

/** The search's text and filters, named as the API and the page's address name them. */
export const SEARCH_FIELDS = ['q', 'company', 'title', 'school', 'location', 'skill', 'group'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchFilters = Partial<Record<SearchField, string>> & { degree?: string };

/** The filters in an address's query (`/search?company=…&degree=1,2`): only known, non-empty ones. */
export function filtersFromQuery(query: URLSearchParams): SearchFilters {
  const filters: SearchFilters = {};
  for (const field of SEARCH_FIELDS) {
    const value = query.get(field)?.trim();
    if (value) filters[field] = value;
  }
  const degree = (query.get('degree') ?? '')
    .split(',')
    .filter((d) => d === '1' || d === '2' || d === '3')
    .filter((d, i, all) => all.indexOf(d) === i)
    .sort()
    .join(',');
  if (degree) filters.degree = degree;
  return filters;
}

/** The address of a search: `/search` with its filters as the query, in a fixed order. */
export function searchPath(filters: SearchFilters): string {
  const query = new URLSearchParams();
  for (const field of [...SEARCH_FIELDS, 'degree'] as const) {
    const value = filters[field]?.trim();
    if (value) query.set(field, value);
  }
  const text = query.toString();
  return text ? `/search?${text}` : '/search';
}

export function searchMembers(filters: SearchFilters, cursor?: string | null): Promise<Page<SearchResult>> {
  return http.get<Page<SearchResult>>('/members', { ...filters, cursor, limit: 20 });
}
