import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase } from './database.js';
import { BackupRefusal } from './embedded-backup.js';
import { migrateToLatest } from './migrate.js';

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyOptions {
  /** Rows per round trip; tables with binary columns (photos, archives) go a few at a time. */
  batchRows?: number;
  onStart?: (totalRows: number, tables: string[]) => void;
  onProgress?: (copiedRows: number, table: string) => void;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table before the tables that point at it (a table's references to itself aside). */
export function dependencyOrder(tables: string[], references: { child: string; parent: string }[]): string[] {
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of references) if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((table) => !placed.has(table) && [...parents.get(table)!].every((parent) => placed.has(parent)));
    if (ready.length === 0) throw new Error(`the tables ${tables.filter((table) => !placed.has(table)).join(', ')} refer to each other in a cycle`);
    for (const table of ready) {
      ordered.push(table);
      placed.add(table);
    }
  }
  return ordered;
}

async function tablesOf(source: PGlite): Promise<string[]> {
  const { rows } = await source.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely\\_%' order by table_name",
  );
  const { rows: references } = await source.query<{ child: string; parent: string }>(
    "select c.relname as child, p.relname as parent from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid where k.contype = 'f' and k.connamespace = 'public'::regnamespace",
  );
  return dependencyOrder(
    rows.map((row) => row.name),
    references,
  );
}

interface TableShape {
  columns: string[];
  orderBy: string;
  binary: boolean;
}

async function shapeOf(source: PGlite, table: string): Promise<TableShape> {
  const { rows: columns } = await source.query<{ name: string; type: string }>(
    "select column_name as name, data_type as type from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position",
    [table],
  );
  const { rows: key } = await source.query<{ name: string }>(
    "select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)",
    [quote(table)],
  );
  return {
    columns: columns.map((column) => column.name),
    // Key order puts a row a table refers to within itself (a manager) before the rows naming it.
    orderBy: key.length ? ` order by ${key.map((column) => quote(column.name)).join(', ')}` : '',
    binary: columns.some((column) => column.type === 'bytea'),
  };
}

async function countRows(query: (text: string) => Promise<{ rows: { count: number | string }[] }>, table: string): Promise<number> {
  const { rows } = await query(`select count(*) as count from ${quote(table)}`);
  return Number(rows[0]!.count);
}

async function appliedMigrations(query: (text: string) => Promise<{ rows: { name: string }[] }>): Promise<string[]> {
  const { rows } = await query('select name from kysely_migration order by name');
  return rows.map((row) => row.name);
}

/**
 * Copies every table of the embedded database into an empty PostgreSQL database: migrates both to
 * the same version, copies the rows table by table in dependency order (as JSON batches that
 * PostgreSQL turns back into rows of the table's own types), sets every sequence where the source's
 * stood, all in one transaction; then compares the row counts of every table.
 */
export async function copyToPostgres(source: PGlite, sourceMigrate: () => Promise<unknown>, targetUrl: string, options: CopyOptions = {}): Promise<TableCount[]> {
  const batchRows = options.batchRows ?? 1000;
  await sourceMigrate();
  const target = await openDatabase({ databaseUrl: targetUrl, poolSize: 1 });
  try {
    const client = new pg.Client({ connectionString: targetUrl });
    await client.connect();
    try {
      const { rows: members } = await client.query<{ present: boolean }>("select to_regclass('public.members') is not null as present");
      if (members[0]!.present && (await countRows((text) => client.query(text), 'members')) > 0) {
        throw new BackupRefusal('the target database already has members: move into a new, empty database (createdb)');
      }
      await migrateToLatest(target.db);
      const [sourceVersions, targetVersions] = [await appliedMigrations((text) => source.query(text)), await appliedMigrations((text) => client.query(text))];
      if (sourceVersions.join() !== targetVersions.join()) {
        throw new BackupRefusal(`the two databases are at different migrations (embedded: ${sourceVersions.at(-1)}, PostgreSQL: ${targetVersions.at(-1)}): upgrade rapport on both first`);
      }

      const tables = await tablesOf(source);
      const sourceCounts = new Map<string, number>();
      for (const table of tables) sourceCounts.set(table, await countRows((text) => source.query(text), table));

      const shapes = new Map<string, TableShape>();
      for (const table of tables) shapes.set(table, await shapeOf(source, table));
      let copied = 0;
      await client.query('begin');
      // Rows a migration wrote (settings, a fresh service secret) give way to the community's own.
      await client.query(`truncate ${tables.map(quote).join(', ')}`);
      options.onStart?.([...sourceCounts.values()].reduce((sum, count) => sum + count, 0), tables);
      await source.transaction(async (tx: PGliteTransaction) => {
        for (const table of tables) {
          const shape = shapes.get(table)!;
          const columns = shape.columns.map(quote).join(', ');
          await tx.query(`declare copy_rows no scroll cursor for select row_to_json(t)::text as r from (select ${columns} from ${quote(table)}${shape.orderBy}) t`);
          const size = shape.binary ? Math.max(1, Math.floor(batchRows / 50)) : batchRows;
          for (;;) {
            const { rows } = await tx.query<{ r: string }>(`fetch ${size} from copy_rows`);
            if (rows.length === 0) break;
            await client.query(
              `insert into ${quote(table)} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${quote(table)}, $1::json)`,
              [`[${rows.map((row) => row.r).join(',')}]`],
            );
            copied += rows.length;
            options.onProgress?.(copied, table);
          }
          await tx.query('close copy_rows');
        }
      });
      const { rows: sequences } = await source.query<{ name: string; last_value: number | string | null }>(
        "select sequencename as name, last_value from pg_sequences where schemaname = 'public'",
      );
      for (const sequence of sequences) {
        if (sequence.last_value === null) await client.query('select setval($1::regclass, 1, false)', [quote(sequence.name)]);
        else await client.query('select setval($1::regclass, $2::bigint, true)', [quote(sequence.name), String(sequence.last_value)]);
      }
      await client.query('commit');

      const counts: TableCount[] = [];
      for (const table of tables) counts.push({ table, source: sourceCounts.get(table)!, target: await countRows((text) => client.query(text), table) });
      return counts;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      await client.end();
    }
  } finally {
    await target.close();
  }
}
