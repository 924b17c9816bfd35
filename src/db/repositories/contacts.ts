import { createHmac } from 'node:crypto';
import type { Executor } from '../database.js';
import { normalizeEmail } from './members.js';

/** A keyed hash of a normalised address: contacts are matched by it without scanning plain emails. */
export function emailHash(secret: string, email: string): string {
  return createHmac('sha256', `${secret}:contacts`).update(normalizeEmail(email)).digest('base64url');
}

/** Is `email` among the contacts `ownerId` imported? */
export async function hasContactWithEmail(db: Executor, ownerId: number, hash: string): Promise<boolean> {
  const row = await db.selectFrom('contacts').select('id').where('owner_id', '=', ownerId).where('email_hash', '=', hash).executeTakeFirst();
  return row !== undefined;
}
