import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The structure that keeps the one door: read from the source, so that a new writer of an
 * invitation's status, a new spelling of the open-status set or of the block predicate fails here
 * (dependency-cruiser's `one-transition` rule keeps the import side).
 */

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'web/src'))].map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

/** Every place the status column of `invitations` is written: Kysely updates and raw SQL. */
function statusWrites(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/updateTable\('invitations'\)([\s\S]*?)(execute|returning)/g)) {
    const chain = match[1]!;
    const set = /\.set\(([\s\S]*?)\)\s*\n?\s*\./.exec(chain)?.[1] ?? chain;
    if (/\bstatus\b/.test(set) || /\.set\((change|values|patch)\)/.test(chain)) found.push(match[0].slice(0, 120));
  }
  for (const match of text.matchAll(/update\s+invitations\s+(\w+\s+)?set([\s\S]*?)(where|returning|`)/gi)) {
    if (/\bstatus\s*=/.test(match[2]!)) found.push(match[0].slice(0, 120));
  }
  return found;
}

describe('one transition, one definition of each set', () => {
  it('reads the whole source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'src/use-cases/invitation-transition.ts')).toBe(true);
  });

  it("nothing but the transition's repository writes invitations.status", () => {
    const writers = files.flatMap((f) => statusWrites(f.text).map((write) => `${f.path}: ${write}`));
    expect(writers.map((w) => w.split(':')[0])).toEqual(['src/db/repositories/invitation-status.ts']);
  });

  it('the scan finds a status write when there is one (it can fail)', () => {
    expect(statusWrites("await trx.updateTable('invitations').set({ status: 'withdrawn', responded_at: now }).where('id', '=', 1).execute();")).toHaveLength(1);
    expect(statusWrites('await sql`update invitations set status = \'expired\' where id = 1`.execute(db);')).toHaveLength(1);
    expect(statusWrites("await trx.updateTable('invitations').set({ sender_hidden: true }).where('id', '=', 1).execute();")).toHaveLength(0);
  });

  it('only the transition calls the status writer', () => {
    const callers = files.filter((f) => f.text.includes('writeInvitationStatus(')).map((f) => f.path);
    expect(callers.sort()).toEqual(['src/db/repositories/invitation-status.ts', 'src/use-cases/invitation-transition.ts']);
  });

  it('the open-status set is spelled out once, in the domain (the web app reads what the API says)', () => {
    const spelled = files.filter((f) => /['"]pending['"],\s*['"]ignored['"]/.test(f.text)).map((f) => f.path);
    expect(spelled).toEqual(['src/domain/invitation-state.ts']);
  });

  it('the blocked-either-way predicate is written once', () => {
    const spelled = files.filter((f) => /blocker_id\s*=\s*\$\{[^}]+\}\s*and\s*b?\.?blocked_id\s*=/.test(f.text) || /eb\('blocker_id', '=', \w+\), eb\('blocked_id'/.test(f.text)).map((f) => f.path);
    expect(spelled).toEqual(['src/db/repositories/blocks.ts']);
  });
});
