import type { AppContext } from '../context.js';
import type { ContactCandidate, ContactFile, ContactFileFormat, RowProblem } from '../contacts/read-contact-file.js';
import type { TextEncoding } from '../contacts/encoding.js';
import { DomainError } from '../domain/errors.js';
import { emailHash, insertContacts } from '../db/repositories/contacts.js';
import { countVisibleMembersByEmail, findMemberById } from '../db/repositories/members.js';
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
      const stored = await insertContacts(trx, ownerId, batch.map(([hash, c]) => ({ email: c.email, emailHash: hash, name: c.name })), now);
      for (const hash of stored) added.add(hash);
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
    members: await countVisibleMembersByEmail(ctx.db, ownerId, entries.map(([, c]) => c.normalized)),
    problems: problems.slice(0, maxListedProblems),
    problemsTruncated: problems.length > maxListedProblems || file.rejectedCount > file.rejected.length,
  };
}
