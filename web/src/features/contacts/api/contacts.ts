import type { Contact, ContactInviteResult, ImportReport, Page } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

/** Media types the import takes as they are; anything else goes as octet-stream and is sniffed. */
const KNOWN_TYPES = new Set(['text/csv', 'text/vcard', 'text/x-vcard', 'text/plain', 'application/vnd.ms-excel']);

function contentTypeOf(file: File): string {
  if (/\.(vcf|vcard)$/i.test(file.name)) return 'text/vcard';
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return KNOWN_TYPES.has(file.type) ? file.type : 'application/octet-stream';
}

export function importContacts(file: File): Promise<{ report: ImportReport }> {
  return http.upload<{ report: ImportReport }>('/contacts/import', file, contentTypeOf(file));
}

export function listContacts(q: string, cursor?: string | null): Promise<Page<Contact>> {
  return http.get<Page<Contact>>('/contacts', { q, cursor, limit: 100 });
}

export type InviteContactsAnswer = {
  results: ContactInviteResult[];
  summary: { sent: number; connected: number; refused: number; notAttempted: number };
};

export function inviteContacts(contactIds: string[], note: string): Promise<InviteContactsAnswer> {
  return http.post<InviteContactsAnswer>('/contacts/invite', { contactIds, ...(note.trim() ? { note } : {}) });
}

export const deleteContact = (id: string) => http.delete(`/contacts/${id}`);
export const deleteAllContacts = () => http.delete<{ deleted: number }>('/contacts');

export const CONTACTS_EXPORT_URL = '/api/v1/contacts/export.csv';
export const CONNECTIONS_EXPORT_URL = '/api/v1/connections/export.csv';
