import type { Page, Suggestion } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export function listSuggestions(cursor?: string | null, limit = 8): Promise<Page<Suggestion>> {
  return http.get<Page<Suggestion>>('/suggestions', { cursor, limit });
}

export const dismissSuggestion = (memberId: string) => http.post<void>(`/suggestions/${memberId}/dismiss`);
