import { sql, type Kysely } from 'kysely';

/** The md5 of every row of every table, one statement, so a refused request can be shown to have written nothing. */
export interface TableChecksums {
  /** table → md5 of its rows in text form, ordered (empty table → the md5 of ''). */
  tables: Record<string, string>;
}

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(db);
  return result.rows.map((row) => row.name);
}

/**
 * A function that reads the checksum of every table in the public schema. The table list is read
 * once, so a table added by a later migration is covered without changing the test.
 */
export async function tableChecksummer(db: Kysely<any>): Promise<() => Promise<TableChecksums>> {
  const names = await tableNames(db);
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const statement = names
    .map((name) => `select '${name.replace(/'/g, "''")}' as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${quoted(name)} t`)
    .join(' union all ');
  return async () => {
    const result = await sql.raw<{ name: string; sum: string }>(statement).execute(db);
    const tables: Record<string, string> = {};
    for (const row of result.rows) tables[row.name] = row.sum;
    return { tables };
  };
}

/** Tables whose checksum differs, ignoring the listed ones. */
export function changedTables(before: TableChecksums, after: TableChecksums, ignore: readonly string[] = []): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  return [...names].filter((name) => !ignore.includes(name) && before.tables[name] !== after.tables[name]).sort();
}
