import type { AppContext } from '../context.js';
import type { ContactCandidate, ContactFile, ContactFileFormat, RowProblem } from '../contacts/read-contact-file.js';
import type { TextEncoding } from '../contacts/encoding.js';
import { Pacer } from '../contacts/pacer.js';
import { decideContactStore } from '../domain/contact-rules.js';
import { DomainError } from '../domain/errors.js';
import { countContactsOf, emailHash, insertContacts, lockContactsOf } from '../db/repositories/contacts.js';
import { findMemberById } from '../db/repositories/members.js';
import { inTransaction } from '../db/transaction.js';
import { showMemberMatches } from './list-contacts.js';

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
  /**
   * New contacts whose member match is shown (members other than you, none blocked either way): at
   * most what is left of `contactMembersShownPerDay`; other matches show in the list once the
   * allowance frees up. How many of the rest are members is not said.
   */
  members: number;
  /** Member matches still allowed in the current 24 hours after this import. */
  memberMatchesLeft: number;
  problems: ImportProblem[];
  problemsTruncated: boolean;
}

// Small statements: on the embedded database each one holds the event loop while it runs.
const INSERT_BATCH = 250;

/**
 * Stores the contacts of a file that was read in full: each address with its keyed hash, in one
 * transaction (a failure stores nothing), skipping those already there. Sends nothing. Refused
 * whole (`contacts_limit_reached`) when the new contacts would take the member past
 * `maxContactsPerMember`; shows the member matches of at most what is left of the day's allowance.
 * Hashing and storing give the event loop back between steps, so other requests are not held up.
 */
export async function importContacts(ctx: AppContext, ownerId: number, file: ContactFile, maxListedProblems: number): Promise<ImportReport> {
  const owner = await findMemberById(ctx.db, ownerId);
  if (!owner) throw new DomainError('unauthorized', 'This account no longer exists.');
  const problems: ImportProblem[] = file.rejected.map((problem) => ({ ...problem, outcome: 'rejected' }));
  let rejected = file.rejectedCount;
  let duplicates = 0;

  const pacer = new Pacer();
  const distinct = new Map<string, ContactCandidate>();
  for (const candidate of file.candidates) {
    await pacer.pause();
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
  const { inserted, shown } = await inTransaction(ctx.db, async (trx) => {
    await lockContactsOf(trx, ownerId);
    const before = await countContactsOf(trx, ownerId);
    // Addresses already stored do not count, so the cap is checked on what was actually added.
    const added = new Map<string, number>();
    for (let i = 0; i < entries.length; i += INSERT_BATCH) {
      await pacer.yield();
      const batch = entries.slice(i, i + INSERT_BATCH);
      const stored = await insertContacts(trx, ownerId, batch.map(([hash, c]) => ({ email: c.email, emailHash: hash, name: c.name })), now);
      for (const row of stored) added.set(row.email_hash, row.id);
    }
    const decision = decideContactStore(before, added.size, ctx.policy);
    if (!decision.ok) {
      throw new DomainError(
        decision.code,
        `You can keep at most ${decision.max.toLocaleString('en')} contacts; you have ${decision.stored.toLocaleString('en')} and this file adds ${decision.adding.toLocaleString('en')}. Nothing was imported: delete contacts you no longer need, or import a smaller file.`,
        { max: decision.max, stored: decision.stored, adding: decision.adding },
      );
    }
    const newContacts = entries.flatMap(([hash, c]) => (added.has(hash) ? [{ id: added.get(hash)!, normalized: c.normalized }] : []));
    return { inserted: added, shown: await showMemberMatches(ctx, trx, ownerId, newContacts, now, pacer) };
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
    members: shown.shown.size,
    memberMatchesLeft: shown.left,
    problems: problems.slice(0, maxListedProblems),
    problemsTruncated: problems.length > maxListedProblems || file.rejectedCount > file.rejected.length,
  };
}
