import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { deleteAllContactsOf, deleteContactOf } from '../db/repositories/contacts.js';

/** Removes one contact. */
export async function deleteContact(ctx: AppContext, ownerId: number, contactId: number): Promise<void> {
  if (!(await deleteContactOf(ctx.db, ownerId, contactId))) throw new DomainError('not_found', 'No such contact.');
}

/** Removes every contact the member imported; answers how many. */
export async function deleteAllContacts(ctx: AppContext, ownerId: number): Promise<number> {
  return deleteAllContactsOf(ctx.db, ownerId);
}
