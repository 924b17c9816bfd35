import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { ContactCandidate, ContactFile, ContactFileFormat, RowProblem } from '../contacts/read-contact-file.js';
import type { TextEncoding } from '../contacts/encoding.js';
import { DomainError } from '../domain/errors.js';
import type { Executor } from '../db/database.js';
import { emailHash } from '../db/repositories/contacts.js';
import { findMemberById } from '../db/repositories/members.js';
import { inTransaction } from '../db/transaction.js';

export interface ImportProblem extends RowProblem {
  outcome: 'rejected' | 'duplicate';
}

export interface ImportReport {
  format: ContactFileFormat;
  encoding: TextEncoding;
  /** Data rows (or cards) in the file. */
  rows: number;
  /** Addresses added to the member's contacts. */
  imported: number;
  /** Addresses already among the contacts, or repeated in the file. */
  duplicates: number;
  /** Rows or addresses not taken, with `problems` saying why. */
  rejected: number;
  /** Distinct addresses in the file that belong to members (other than you, and none blocked either way). */
  members: number;
  problems: ImportProblem[];
  problemsTruncated: boolean;
}

const INSERT_BATCH = 5000;

/**
 * Stores the contacts of a file that was read in full: each address with its keyed hash, in one
 * transaction (a failure stores nothing), skipping those already there. Sends nothing.
 */
export async function importContacts(ctx: AppContext, ownerId: number, file: ContactFile, maxListedProblems: number): Promise<ImportReport> {
  const owner = await findMemberById(ctx.db, ownerId);
  if (!owner) throw new DomainError('unauthorized', 'This account no longer exists.');
  const problems: ImportProblem[] = file.rejected.map((problem) => ({ ...problem, outcome: 'rejected' }));
  let rejected = file.rejectedCount;
  let duplicates = 0;

  const distinct = new Map<string, ContactCandidate>();
  for (const candidate of file.candidates) {
    if (candidate.normalized === owner.email_normalized) {
      rejected++;
      problems.push({ row: candidate.row, reason: 'own_address', value: candidate.email, outcome: 'rejected' });
      continue;
    }
    const hash = emailHash(ctx.secret, candidate.email);
    if (distinct.has(hash)) {
      duplicates++;
      problems.push({ row: candidate.row, reason: 'repeated_in_file', value: candidate.email, outcome: 'duplicate' });
      continue;
    }
    distinct.set(hash, candidate);
  }

  const now = ctx.clock.now();
  const entries = [...distinct.entries()];
  const inserted = await inTransaction(ctx.db, async (trx) => {
    const added = new Set<string>();
    for (let i = 0; i < entries.length; i += INSERT_BATCH) {
      const batch = entries.slice(i, i + INSERT_BATCH);
      // One statement per batch with three array parameters: far cheaper to send and plan than 5 × n values.
      const result = await sql<{ email_hash: string }>`
        insert into contacts (owner_id, email, email_hash, name, created_at)
        select ${ownerId}, u.email, u.email_hash, u.name, ${now}::timestamptz
        from unnest(${sql.val(batch.map(([, c]) => c.email))}::text[], ${sql.val(batch.map(([hash]) => hash))}::text[], ${sql.val(batch.map(([, c]) => c.name))}::text[]) as u(email, email_hash, name)
        on conflict (owner_id, email_hash) do nothing
        returning email_hash`.execute(trx);
      for (const row of result.rows) added.add(row.email_hash);
    }
    return added;
  });
  for (const [hash, candidate] of entries) {
    if (inserted.has(hash)) continue;
    duplicates++;
    problems.push({ row: candidate.row, reason: 'already_imported', value: candidate.email, outcome: 'duplicate' });
  }

  problems.sort((a, b) => a.row - b.row);
  return {
    format: file.format,
    encoding: file.encoding,
    rows: file.rows,
    imported: inserted.size,
    duplicates,
    rejected,
    members: await countVisibleMembers(ctx.db, ownerId, entries.map(([, c]) => c.normalized)),
    problems: problems.slice(0, maxListedProblems),
    problemsTruncated: problems.length > maxListedProblems || file.rejectedCount > file.rejected.length,
  };
}

async function countVisibleMembers(db: Executor, ownerId: number, normalizedEmails: readonly string[]): Promise<number> {
  if (normalizedEmails.length === 0) return 0;
  const result = await sql<{ n: number }>`
    select count(*)::int as n from members m
    where m.email_normalized = any(${sql.val([...normalizedEmails])}::text[]) and m.id <> ${ownerId}
      and not exists (select 1 from blocks b where (b.blocker_id = ${ownerId} and b.blocked_id = m.id) or (b.blocker_id = m.id and b.blocked_id = ${ownerId}))`.execute(db);
  return result.rows[0]?.n ?? 0;
}
