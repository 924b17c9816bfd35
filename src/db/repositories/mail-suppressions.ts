import { createHmac } from 'node:crypto';
import { normalizeEmail } from '../../domain/member.js';
import type { Executor } from '../database.js';

/** A keyed hash of a normalised address, under its own key: the suppression list holds no address. */
export function suppressionHash(secret: string, email: string): string {
  return createHmac('sha256', `${secret}:mail-suppression`).update(normalizeEmail(email)).digest('base64url');
}

/** Records that an address (by `suppressionHash`) wants no more mail; a repeat changes nothing. */
export async function suppressAddress(db: Executor, emailHash: string, now: Date): Promise<void> {
  await db.insertInto('mail_suppressions').values({ email_hash: emailHash, created_at: now }).onConflict((oc) => oc.column('email_hash').doNothing()).execute();
}

/** Which of these hashes are on the suppression list. */
export async function findSuppressedHashes(db: Executor, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db.selectFrom('mail_suppressions').select('email_hash').where('email_hash', 'in', [...new Set(hashes)]).execute();
  return new Set(rows.map((row) => row.email_hash));
}
