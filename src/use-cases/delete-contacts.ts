import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';

/** Removes one contact. */
export async function deleteContact(ctx: AppContext, ownerId: number, contactId: number): Promise<void> {
  const deleted = await ctx.db.deleteFrom('contacts').where('id', '=', contactId).where('owner_id', '=', ownerId).executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw new DomainError('not_found', 'No such contact.');
}

/** Removes every contact the member imported; answers how many. */
export async function deleteAllContacts(ctx: AppContext, ownerId: number): Promise<number> {
  const deleted = await ctx.db.deleteFrom('contacts').where('owner_id', '=', ownerId).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
