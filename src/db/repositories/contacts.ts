import { createHmac } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { normalizeEmail } from '../../domain/member.js';
import type { Executor, Trx } from '../database.js';
import type { KeysetCursor } from '../keyset.js';
import type { ContactsTable } from '../schema.js';

export type ContactRow = Selectable<ContactsTable>;

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

/** Up to `limit` of the member's contacts, newest first, before the keyset position `before`, whose name or address contains `q`. */
export async function listContactPage(db: Executor, ownerId: number, limit: number, before: KeysetCursor | null, q?: string): Promise<ContactRow[]> {
  let select = db.selectFrom('contacts').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  if (before) select = select.where((eb) => eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]));
  return select.execute();
}

/** Up to `limit` of the member's contacts as the export writes them, newest first, after the keyset position `after`. */
export async function listContactsForExport(db: Executor, ownerId: number, limit: number, after: KeysetCursor | null) {
  let query = db.selectFrom('contacts').select(['id', 'name', 'email', 'created_at']).where('owner_id', '=', ownerId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (after) query = query.where((eb) => eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]));
  return query.execute();
}

/** Stores a batch of contacts, skipping addresses the member has already (by keyed hash); answers the hashes stored. */
export async function insertContacts(trx: Trx, ownerId: number, contacts: readonly { email: string; emailHash: string; name: string }[], now: Date): Promise<string[]> {
  // One statement per batch with three array parameters: far cheaper to send and plan than 5 × n values.
  const result = await sql<{ email_hash: string }>`
        insert into contacts (owner_id, email, email_hash, name, created_at)
        select ${ownerId}, u.email, u.email_hash, u.name, ${now}::timestamptz
        from unnest(${sql.val(contacts.map((c) => c.email))}::text[], ${sql.val(contacts.map((c) => c.emailHash))}::text[], ${sql.val(contacts.map((c) => c.name))}::text[]) as u(email, email_hash, name)
        on conflict (owner_id, email_hash) do nothing
        returning email_hash`.execute(trx);
  return result.rows.map((row) => row.email_hash);
}

/** Deletes one of the member's contacts; false when they have no such contact. */
export async function deleteContactOf(db: Executor, ownerId: number, contactId: number): Promise<boolean> {
  const deleted = await db.deleteFrom('contacts').where('id', '=', contactId).where('owner_id', '=', ownerId).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** Deletes every contact of the member; answers how many. */
export async function deleteAllContactsOf(db: Executor, ownerId: number): Promise<number> {
  const deleted = await db.deleteFrom('contacts').where('owner_id', '=', ownerId).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** The owner's contacts among `ids` (others' contacts are not theirs to pick). */
export async function findContactsOf(db: Executor, ownerId: number, ids: readonly number[]): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('contacts').selectAll().where('owner_id', '=', ownerId).where('id', 'in', [...ids]).execute();
}
