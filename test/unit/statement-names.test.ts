import { describe, expect, it } from 'vitest';
import { preparedAs, StatementNames } from '../../src/db/database.js';

describe('which statements run prepared', () => {
  it('prepares a marked statement under its name from the first call', () => {
    const names = new StatementNames();
    const text = `${preparedAs('pair-facts')} select 1`;
    expect(names.nameFor(text)).toBe('pair-facts');
    expect(names.nameFor(text)).toBe('pair-facts');
  });

  it('prepares any other text once it came back three times, always under the same name', () => {
    const names = new StatementNames();
    const text = 'select * from members where id = $1';
    expect(names.nameFor(text)).toBeUndefined();
    expect(names.nameFor(text)).toBeUndefined();
    const name = names.nameFor(text);
    expect(name).toMatch(/^auto-\d+$/);
    expect(names.nameFor(text)).toBe(name);
    const other = 'select * from invitations where id = $1';
    for (let k = 0; k < 3; k++) names.nameFor(other);
    expect(names.nameFor(other)).not.toBe(name);
  });

  it('keeps a bounded number of prepared texts when texts keep varying', () => {
    const names = new StatementNames();
    const prepared = new Set<string>();
    for (let length = 1; length <= 2_000; length++) {
      const text = `select * from members where id in (${Array.from({ length }, (_, i) => `$${i + 1}`).join(', ')})`;
      for (let k = 0; k < 3; k++) {
        const name = names.nameFor(text);
        if (name) prepared.add(name);
      }
    }
    expect(prepared.size).toBe(500);
    // Past the cap, new texts run unprepared; the ones already prepared keep their names.
    expect(names.nameFor('select * from members where id in ($1)')).toBe('auto-1');
    const fresh = 'select 2 where $1::int = 1';
    for (let k = 0; k < 5; k++) expect(names.nameFor(fresh)).toBeUndefined();
  });
});
