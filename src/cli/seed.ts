import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { faker } from '@faker-js/faker';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { hashPassword } from '../use-cases/passwords.js';
import { randomSource, smallWorldEdges } from '../graph/generate.js';
import { Progress } from './progress.js';

export const DEMO_EMAIL = 'demo@rapport.local';
export const DEMO_PASSWORD = 'rapport-demo';

const SCHOOLS = ['Northfield University', 'Lakeside Institute of Technology', 'Saint Aurelia College', 'Riverside Polytechnic', 'Kingsbridge School of Economics', 'Harborview University', 'Westmoor College of Design', 'Eastgate University', 'Summit Business School', 'Pinecrest University'];
const SKILLS = ['TypeScript', 'PostgreSQL', 'Product management', 'Public speaking', 'Negotiation', 'Data analysis', 'Recruiting', 'UX research', 'Accounting', 'Project management', 'Sales', 'Marketing', 'Machine learning', 'Leadership', 'Copywriting', 'Kubernetes', 'Financial modeling', 'Customer success'];
const GROUPS = ['Women in Engineering', 'Product Leaders Circle', 'Northfield Alumni', 'Open Source Maintainers', 'Startup Founders Forum', 'Data Science Guild', 'Remote Work Network', 'Design Systems Community'];

export interface SeedOptions {
  members?: number;
  graphFile?: string;
  /** Connections each new member makes in the generated graph (median degree is about 2·m). */
  edgesPerMember?: number;
  seed?: number;
  now?: Date;
  quiet?: boolean;
}

const BATCH = 1000;

/** Fills the database with a demo network: generated profiles on a generated or real graph. */
export async function seedNetwork(db: Db, options: SeedOptions): Promise<{ members: number; connections: number }> {
  const random = randomSource(options.seed ?? 42);
  faker.seed(options.seed ?? 42);
  const now = options.now ?? new Date();
  const edges = options.graphFile ? await readEdgeList(options.graphFile) : null;
  const count = edges ? edges.nodes : (options.members ?? 200);
  const COMPANIES = Array.from({ length: 60 }, () => faker.company.name());
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const out = options.quiet ? undefined : process.stderr;

  const ids = new Array<number>(count);
  const memberProgress = out && new Progress('members', count, out);
  for (let start = 0; start < count; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      // First and last names only: no "Mr." or "III" in a list of colleagues.
      const name = i === 0 ? 'Dana Demo' : `${faker.person.firstName()} ${faker.person.lastName()}`;
      const title = faker.person.jobTitle();
      const company = COMPANIES[Math.floor(random() * COMPANIES.length)]!;
      const email = i === 0 ? DEMO_EMAIL : `member${i}@demo.rapport.local`;
      rows.push({
        kind: 'person' as const,
        email,
        email_normalized: email,
        password_hash: passwordHash,
        name,
        headline: `${title} at ${company}`,
        location: faker.location.city(),
        created_at: now,
        // Demo members' addresses count as proven: nobody is asked to confirm one.
        email_verified_at: now,
        manager_id: null,
        restricted_at: null,
        restriction_ends_at: null,
        last_lift_at: null,
        search_text: '',
        _company: company,
        _title: title,
      });
    }
    const inserted = await db
      .insertInto('members')
      .values(rows.map(({ _company, _title, ...row }) => row))
      .onConflict((oc) => oc.column('email_normalized').doNothing())
      .returning(['id', 'email'])
      .execute();
    const byEmail = new Map(inserted.map((row) => [row.email, row.id]));
    const positions = [];
    const education = [];
    const skills = [];
    for (let offset = 0; offset < rows.length; offset++) {
      const row = rows[offset]!;
      const id = byEmail.get(row.email);
      if (id === undefined) throw new Error(`${row.email} already exists: seed an empty database`);
      ids[start + offset] = id;
      const startYear = 2008 + Math.floor(random() * 14);
      positions.push({ member_id: id, company: row._company, title: row._title, start_year: startYear, end_year: null });
      if (random() < 0.6) {
        positions.push({ member_id: id, company: COMPANIES[Math.floor(random() * COMPANIES.length)]!, title: faker.person.jobTitle(), start_year: startYear - 4, end_year: startYear });
      }
      const graduated = startYear - Math.floor(random() * 3);
      education.push({ member_id: id, school: SCHOOLS[Math.floor(random() * SCHOOLS.length)]!, degree: random() < 0.5 ? 'BSc' : 'MSc', start_year: graduated - 4, end_year: graduated });
      for (const skill of new Set(Array.from({ length: 3 }, () => SKILLS[Math.floor(random() * SKILLS.length)]!))) skills.push({ member_id: id, skill });
    }
    await db.insertInto('member_settings').values(inserted.map((row) => ({ member_id: row.id, auto_withdraw_after_days: null }))).execute();
    await db.insertInto('positions').values(positions).execute();
    await db.insertInto('education').values(education).execute();
    await db.insertInto('member_skills').values(skills).onConflict((oc) => oc.doNothing()).execute();
    memberProgress?.update(Math.min(count, start + BATCH));
  }
  memberProgress?.finish(count);

  await db.insertInto('groups').values(GROUPS.map((name) => ({ name }))).onConflict((oc) => oc.column('name').doNothing()).execute();
  const groups = await db.selectFrom('groups').select('id').where('name', 'in', GROUPS).execute();
  const memberships = [];
  for (const id of ids) {
    if (random() < 0.4) memberships.push({ group_id: groups[Math.floor(random() * groups.length)]!.id, member_id: id });
  }
  for (let start = 0; start < memberships.length; start += BATCH) {
    await db.insertInto('group_memberships').values(memberships.slice(start, start + BATCH)).onConflict((oc) => oc.doNothing()).execute();
  }

  const edgeSource = edges ? edges.pairs : smallWorldEdges(count, options.edgesPerMember ?? 5, 0.5, random);
  const expected = edges ? edges.pairs.length : count * (options.edgesPerMember ?? 5);
  const edgeProgress = out && new Progress('connections', expected, out);
  let connections = 0;
  let batch: { member_id: number; other_id: number; created_at: Date }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insertInto('connections').values(batch).onConflict((oc) => oc.doNothing()).execute();
    batch = [];
  };
  for (const [a, b] of edgeSource) {
    const ida = ids[a]!;
    const idb = ids[b]!;
    batch.push({ member_id: ida, other_id: idb, created_at: now }, { member_id: idb, other_id: ida, created_at: now });
    connections++;
    if (batch.length >= BATCH * 2) {
      await flush();
      edgeProgress?.update(connections);
    }
  }
  await flush();
  edgeProgress?.finish(connections);

  await sql`update members m set connection_count = c.n from (select member_id, count(*)::int as n from connections group by member_id) c where c.member_id = m.id`.execute(db);
  await sql`update members m set search_text = lower(concat_ws(' ', m.name, m.headline, m.location,
      (select string_agg(p.company || ' ' || p.title, ' ') from positions p where p.member_id = m.id),
      (select string_agg(e.school, ' ') from education e where e.member_id = m.id)))`.execute(db);
  // Planner statistics and the visibility map for what was just loaded: without them PostgreSQL
  // guesses row counts (a seeded connections table read whole to find one member's list) until
  // autovacuum comes by, and some deployments run without it.
  await sql`vacuum (analyze)`.execute(db);
  return { members: count, connections };
}

/** Reads a SNAP edge list (`a b` or `a<TAB>b` per line, `#` comments, optionally gzipped) as undirected pairs. */
export async function readEdgeList(path: string): Promise<{ nodes: number; pairs: [number, number][] }> {
  const input = createReadStream(path);
  const lines = createInterface({ input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  let nodes = 0;
  for await (const line of lines) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [first, second] = line.trim().split(/\s+/);
    const a = Number(first);
    const b = Number(second);
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0) throw new Error(`${path}: not an edge: "${line}"`);
    if (a === b) continue;
    const high = Math.max(a, b);
    const low = Math.min(a, b);
    const key = high * 4_294_967_296 + low;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([high, low]);
    nodes = Math.max(nodes, high + 1);
  }
  return { nodes, pairs };
}
