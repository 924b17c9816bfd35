import { createHmac } from 'node:crypto';
import { normalizeEmail } from '../../domain/member.js';
import type { Executor } from '../database.js';

/** A keyed hash of a normalised address: contacts are matched by it without scanning plain emails. */
export function emailHash(secret: string, email: string): string {
  return createHmac('sha256', `${secret}:contacts`).update(normalizeEmail(email)).digest('base64url');
}

/** Which of `members` the viewer imported among their contacts: matched by keyed address hash, through the contacts' unique (owner, hash) index. */
export async function inContactsOf(db: Executor, secret: string, viewer: number, members: readonly { id: number; email_normalized: string }[]): Promise<Set<number>> {
  if (members.length === 0) return new Set();
  const byHash = new Map(members.map((member) => [emailHash(secret, member.email_normalized), member.id]));
  const rows = await db.selectFrom('contacts').select('email_hash').where('owner_id', '=', viewer).where('email_hash', 'in', [...byHash.keys()]).execute();
  return new Set(rows.map((row) => byHash.get(row.email_hash)!));
}
