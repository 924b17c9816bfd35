import { createHmac } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { normalizeEmail } from '../../domain/member.js';
import type { Executor, Trx } from '../database.js';
import type { KeysetCursor } from '../keyset.js';
import type { ContactsTable } from '../schema.js';
import { containsPattern } from './like-pattern.js';

export type ContactRow = Selectable<ContactsTable>;

/** A keyed hash of a normalised address: contacts are matched by it without scanning plain emails. */
export function emailHash(secret: string, email: string): string {
  return createHmac('sha256', `${secret}:contacts`).update(normalizeEmail(email)).digest('base64url');
}

/**
 * Which of these members the viewer has among their contacts (matched by keyed address hash): the
 * contact's id and whether its member match was already shown (`contactMembersShownPerDay`).
 */
export async function contactMatchesOf(
  db: Executor,
  secret: string,
  viewer: number,
  members: readonly { id: number; email_normalized: string }[],
): Promise<Map<number, { contactId: number; shown: boolean }>> {
  if (members.length === 0) return new Map();
  const byHash = new Map(members.map((member) => [emailHash(secret, member.email_normalized), member.id]));
  const rows = await db.selectFrom('contacts').select(['id', 'email_hash', 'member_shown_at']).where('owner_id', '=', viewer).where('email_hash', 'in', [...byHash.keys()]).execute();
  return new Map(rows.map((row) => [byHash.get(row.email_hash)!, { contactId: Number(row.id), shown: row.member_shown_at !== null }]));
}

/** Up to `limit` of the member's contacts, newest first, before the keyset position `before`, whose name or address contains `q`. */
export async function listContactPage(db: Executor, ownerId: number, limit: number, before: KeysetCursor | null, q?: string): Promise<ContactRow[]> {
  let select = db.selectFrom('contacts').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (q) {
    const pattern = containsPattern(q);
    select = select.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  if (before) select = select.where(sql<boolean>`(created_at, id) < (${before.at}::timestamptz, ${before.id})`);
  return select.execute();
}

/**
 * Up to `limit` of the member's contacts as the export writes them, newest first, after the keyset
 * position `after`. The position is a row comparison, which the planner turns into a range of
 * `contacts_owner_created`; written as `created_at < t or (created_at = t and id < i)` it was a
 * filter, and every page re-read the rows before it (an import stores its rows with one time), so a
 * 150,000-row export took 17–21 s.
 */
export async function listContactsForExport(db: Executor, ownerId: number, limit: number, after: KeysetCursor | null) {
  let query = db.selectFrom('contacts').select(['id', 'name', 'email', 'created_at']).where('owner_id', '=', ownerId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.at}::timestamptz, ${after.id})`);
  return query.execute();
}

/**
 * Holds the member's contact list for the rest of the transaction (an advisory lock keyed by the
 * owner, so sends, which lock the member's row, are not held up): the cap on stored contacts and the
 * daily allowance of member matches are exact however many imports run at once.
 */
export async function lockContactsOf(trx: Trx, ownerId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`contacts:${ownerId}`}, 0))`.execute(trx);
}

/**
 * Which of these normalised addresses belong to an account, through the members' unique address
 * index only: a cheap first pass over a whole import, so that the full visibility rule
 * (`visibleMembersByEmail`) runs on the few hits.
 */
export async function addressesWithAccounts(db: Executor, normalizedEmails: readonly string[]): Promise<Set<string>> {
  if (normalizedEmails.length === 0) return new Set();
  const result = await sql<{ email_normalized: string }>`
    select email_normalized from members where email_normalized = any(${sql.val([...normalizedEmails])}::text[])`.execute(db);
  return new Set(result.rows.map((row) => row.email_normalized));
}

/** How many contacts the member has stored. */
export async function countContactsOf(db: Executor, ownerId: number): Promise<number> {
  const row = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_id', '=', ownerId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many of the member's contacts had their member match first shown after `since`. */
export async function countMemberMatchesShownSince(db: Executor, ownerId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_id', '=', ownerId)
    .where('member_shown_at', 'is not', null)
    .where('member_shown_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the member matches of these contacts of the owner as shown from `now` (those not shown yet). */
export async function markMemberMatchesShown(trx: Trx, ownerId: number, contactIds: readonly number[], now: Date): Promise<void> {
  if (contactIds.length === 0) return;
  await trx.updateTable('contacts').set({ member_shown_at: now }).where('owner_id', '=', ownerId).where('id', 'in', [...contactIds]).where('member_shown_at', 'is', null).execute();
}

/** Stores a batch of contacts, skipping addresses the member has already (by keyed hash); answers the rows stored. */
export async function insertContacts(trx: Trx, ownerId: number, contacts: readonly { email: string; emailHash: string; name: string }[], now: Date): Promise<{ id: number; email_hash: string }[]> {
  // One statement per batch with three array parameters: far cheaper to send and plan than 5 × n values.
  const result = await sql<{ id: number; email_hash: string }>`
        insert into contacts (owner_id, email, email_hash, name, created_at)
        select ${ownerId}, u.email, u.email_hash, u.name, ${now}::timestamptz
        from unnest(${sql.val(contacts.map((c) => c.email))}::text[], ${sql.val(contacts.map((c) => c.emailHash))}::text[], ${sql.val(contacts.map((c) => c.name))}::text[]) as u(email, email_hash, name)
        on conflict (owner_id, email_hash) do nothing
        returning id, email_hash`.execute(trx);
  return result.rows.map((row) => ({ id: Number(row.id), email_hash: row.email_hash }));
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
