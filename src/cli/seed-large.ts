import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { randomSource } from '../graph/generate.js';
import { hashPassword } from '../use-cases/passwords.js';
import { DEMO_PASSWORD } from './seed.js';

/**
 * Bulk loading of large networks (hundreds of thousands of members, millions of connections) for
 * benchmarks and load tests: arrays bound as `unnest(...)` parameters, tens of thousands of rows per
 * statement, lightweight generated profiles. `seed.ts` stays the rich demo seeder.
 */

export interface LargeSeedProgress {
  phase: 'members' | 'profiles' | 'connections' | 'counts';
  done: number;
  total: number;
}

export interface LargeSeedOptions {
  /** Connections as pairs [a0, b0, a1, b1, …] of node indexes 0…nodes-1 (each undirected pair once or more). */
  nodes: number;
  edges: Int32Array;
  now?: Date;
  seed?: number;
  /** Email domain of the generated members (one network per domain in a database). */
  domain?: string;
  onProgress?: (progress: LargeSeedProgress) => void;
}

const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lena', 'Mo', 'Nia', 'Otto', 'Pia', 'Quin', 'Rhea', 'Sol', 'Tess', 'Uma', 'Vic', 'Wren', 'Xia', 'Yuri', 'Zoe'];
const LAST = ['Archer', 'Brook', 'Castillo', 'Dumont', 'Eriksen', 'Fontaine', 'Garcia', 'Haddad', 'Ito', 'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Umar', 'Vargas', 'Weber', 'Xu', 'Yilmaz', 'Zhang'];
const COMPANIES = ['Northwind', 'Globex', 'Initech', 'Umbrella Labs', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Industries', 'Acme Analytics', 'Soylent Systems', 'Tyrell Robotics', 'Cyberdyne', 'Aperture Science', 'Wonka Foods', 'Gringotts Finance', 'Oceanic Air'];
const TITLES = ['Software Engineer', 'Product Manager', 'Designer', 'Data Scientist', 'Recruiter', 'Sales Lead', 'Engineering Manager', 'Analyst', 'Marketing Lead', 'Founder'];
const SCHOOLS = ['Northfield University', 'Lakeside Institute of Technology', 'Saint Aurelia College', 'Riverside Polytechnic', 'Harborview University', 'Eastgate University'];
const CITIES = ['Lisbon', 'Berlin', 'Toronto', 'Nairobi', 'Singapore', 'Austin', 'Lyon', 'Seoul', 'Melbourne', 'Bogotá'];

const MEMBER_BATCH = 20_000;
const EDGE_BATCH = 50_000;

/** Loads `nodes` generated members and the given connections; answers the member ids by node index. */
export async function seedLargeGraph(db: Db, options: LargeSeedOptions): Promise<{ ids: Float64Array; connections: number }> {
  const random = randomSource(options.seed ?? 7);
  const now = options.now ?? new Date();
  const domain = options.domain ?? 'bench.rapport.local';
  const progress = options.onProgress ?? (() => {});
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const n = options.nodes;
  const ids = new Float64Array(n);

  for (let start = 0; start < n; start += MEMBER_BATCH) {
    const end = Math.min(n, start + MEMBER_BATCH);
    const emails: string[] = [];
    const names: string[] = [];
    const headlines: string[] = [];
    const locations: string[] = [];
    const companies: string[] = [];
    const titles: string[] = [];
    const schools: string[] = [];
    for (let i = start; i < end; i++) {
      const company = COMPANIES[Math.floor(random() * COMPANIES.length)]!;
      const title = TITLES[Math.floor(random() * TITLES.length)]!;
      emails.push(`member${i}@${domain}`);
      names.push(`${FIRST[Math.floor(random() * FIRST.length)]} ${LAST[Math.floor(random() * LAST.length)]}`);
      headlines.push(`${title} at ${company}`);
      locations.push(CITIES[Math.floor(random() * CITIES.length)]!);
      companies.push(company);
      titles.push(title);
      schools.push(SCHOOLS[Math.floor(random() * SCHOOLS.length)]!);
    }
    const inserted = await sql<{ id: number; email: string }>`
      insert into members (kind, email, email_normalized, password_hash, name, headline, location, search_text, created_at)
      select 'person', e, e, ${passwordHash}, n, h, l, lower(n || ' ' || h || ' ' || l), ${now}
      from unnest(${sql.val(emails)}::text[], ${sql.val(names)}::text[], ${sql.val(headlines)}::text[], ${sql.val(locations)}::text[]) as t(e, n, h, l)
      returning id, email`.execute(db);
    const byEmail = new Map(inserted.rows.map((row) => [row.email, Number(row.id)]));
    const batchIds: number[] = [];
    for (let i = start; i < end; i++) {
      const id = byEmail.get(`member${i}@${domain}`);
      if (id === undefined) throw new Error(`member${i}@${domain} was not inserted`);
      ids[i] = id;
      batchIds.push(id);
    }
    const idArray = sql.val(batchIds);
    await sql`insert into member_settings (member_id) select unnest(${idArray}::bigint[])`.execute(db);
    await sql`insert into positions (member_id, company, title, start_year)
      select m, c, t, 2015 from unnest(${idArray}::bigint[], ${sql.val(companies)}::text[], ${sql.val(titles)}::text[]) as p(m, c, t)`.execute(db);
    await sql`insert into education (member_id, school)
      select m, s from unnest(${idArray}::bigint[], ${sql.val(schools)}::text[]) as e(m, s)`.execute(db);
    progress({ phase: 'members', done: end, total: n });
  }

  const pairs = options.edges.length >> 1;
  let written = 0;
  const left: number[] = [];
  const right: number[] = [];
  const flush = async () => {
    if (left.length === 0) return;
    await sql`insert into connections (member_id, other_id, created_at)
      select a, b, ${now} from unnest(${sql.val(left)}::bigint[], ${sql.val(right)}::bigint[]) as p(a, b)
      on conflict do nothing`.execute(db);
    left.length = 0;
    right.length = 0;
  };
  for (let k = 0; k < pairs; k++) {
    const a = options.edges[2 * k]!;
    const b = options.edges[2 * k + 1]!;
    if (a === b) continue;
    left.push(ids[a]!, ids[b]!);
    right.push(ids[b]!, ids[a]!);
    if (left.length >= EDGE_BATCH) {
      await flush();
      written = k + 1;
      progress({ phase: 'connections', done: written, total: pairs });
    }
  }
  await flush();
  progress({ phase: 'connections', done: pairs, total: pairs });
  progress({ phase: 'counts', done: 0, total: 1 });
  await sql`update members m set connection_count = c.n
    from (select member_id, count(*)::int as n from connections group by member_id) c
    where c.member_id = m.id and m.connection_count <> c.n`.execute(db);
  await sql`analyze`.execute(db);
  progress({ phase: 'counts', done: 1, total: 1 });
  const total = await sql<{ n: number }>`select count(*)::float8 as n from connections`.execute(db);
  return { ids, connections: Number(total.rows[0]?.n ?? 0) / 2 };
}

/** Reads a SNAP edge list (`a b` or `a<TAB>b`, `#` comments, optionally gzipped) into typed arrays, self-loops dropped. */
export async function readEdgeListFile(path: string): Promise<{ nodes: number; edges: Int32Array }> {
  const input = createReadStream(path);
  const lines = createInterface({ input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  let edges = new Int32Array(1 << 20);
  let at = 0;
  let nodes = 0;
  for await (const line of lines) {
    if (line.length === 0 || line.charCodeAt(0) === 35 /* # */) continue;
    const match = /^\s*(\d+)\s+(\d+)/.exec(line);
    if (!match) throw new Error(`${path}: not an edge: "${line}"`);
    const a = Number(match[1]);
    const b = Number(match[2]);
    if (a === b) continue;
    if (at + 2 > edges.length) {
      const grown = new Int32Array(edges.length * 2);
      grown.set(edges);
      edges = grown;
    }
    edges[at++] = a;
    edges[at++] = b;
    nodes = Math.max(nodes, a + 1, b + 1);
  }
  return { nodes, edges: edges.slice(0, at) };
}
