/**
 * The HTTP throughput benchmark: a real deployment on this machine — PostgreSQL, N = 1, 2, 4
 * `rapport serve` processes behind nginx, a seeded demo network — driven by wrk with a realistic
 * mix, and three floors measured in the same run on the same PostgreSQL: pgbench's TPC-B-like
 * rate, a plain `pg` script running the send's own SQL in one transaction with prepared
 * statements, and a Fastify hello-world. Writes its section of docs/performance.md, and docs/throughput.svg.
 *
 *   npx tsx bench/http/run.ts                 # quick: 10,000 members, short runs (~8 min)
 *   npx tsx bench/http/run.ts --full          # 100,000 members (and a 10,000-member latency probe), longer runs
 *   npx tsx bench/http/run.ts --members 1000000 --sizes 10000 --processes 4 --duration 30
 *   npx tsx bench/http/run.ts --sizes-only --sizes 10000,100000,1000000   # only the latency-against-size probe
 *
 * Options: --members N (the network of the main runs), --sizes A,B (smaller networks for the
 * latency-against-size probe: N = 1, the lowest concurrency; with --sizes-only nothing else runs and
 * the probe writes its own section of docs/performance.md), --processes 1,2,4, --duration S (per
 * wrk run), --connections 8,32 (each N runs at each; the floors are measured at each, before and
 * after each N), --tokens N
 * (members logged in to drive the load), --pool N (DATABASE_POOL_SIZE of each server process; default:
 * the server's, 10), --no-install, --keep (leave the databases).
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the benchmark
 * creates and drops its own databases on it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { writeDocSection } from '../doc-section.js';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/db/schema.js';
import { lockPairWithMemberQuery } from '../../src/db/repositories/invitations.js';
import { pairFactsQuery, pairFactsWithSenderQuery } from '../../src/db/repositories/send-facts.js';
import { liveTokensQuery } from '../../src/db/repositories/tokens.js';
import { graphPollQuery } from '../../src/graph/index-sync.js';
import { memberSummariesQuery } from '../../src/db/repositories/members.js';
import { profileViewQuery } from '../../src/graph/profile-view.js';
import { freePort } from '../../test/helpers/spawn-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const full = flag('full');
const MEMBERS = Number(option('members', full ? '100000' : '10000'));
const SIZES_ONLY = flag('sizes-only');
const SIZES = option('sizes', full ? '10000' : '').split(',').filter(Boolean).map(Number).filter((n) => SIZES_ONLY || n !== MEMBERS);
const PROCESSES = option('processes', '1,2,4').split(',').map(Number);
const DURATION = Number(option('duration', full ? '12' : '6'));
const CONCURRENCY = option('connections', '8,32').split(',').map(Number);
const CONNECTIONS = Math.max(...CONCURRENCY);
const TOKENS = Number(option('tokens', full ? '400' : '200'));
/** DATABASE_POOL_SIZE for each server process (unset: the server's default). */
const POOL = option('pool', '');
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = `rapport_bench_${process.pid}`;
// Every load client signs up and signs in from this one machine: the per-address throttles are lifted too.
const unthrottled = { windowMinutes: 1, perAccount: 1_000_000, perAddress: 1_000_000, perAddressMax: 1_000_000 };
const policy = JSON.stringify({ captchaAfterPerDay: 1_000_000, monthlyLimit: 1_000_000, lifetimeAllotment: 1_000_000, signUpThrottle: unthrottled, signInThrottle: unthrottled });

const started = Date.now();
const log = (message: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

function urlFor(name: string): string {
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

// ---------------------------------------------------------------------------------------------
// Tools

function have(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function ensureTools(): { wrk: boolean; nginx: boolean; pgbench: boolean } {
  const missing = [['wrk', 'wrk'], ['nginx', 'nginx-light']].filter(([command]) => !have(command!) && !existsSync(`/usr/sbin/${command}`));
  if (missing.length && !flag('no-install') && process.getuid?.() === 0) {
    log(`installing ${missing.map((m) => m[1]).join(', ')} from Debian`);
    spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.map((m) => m[1]).join(' ')}`], { stdio: 'inherit' });
  }
  const nginx = have('nginx') || existsSync('/usr/sbin/nginx');
  return { wrk: have('wrk'), nginx, pgbench: have('pgbench') };
}


async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const children: ChildProcess[] = [];
function start(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

// ---------------------------------------------------------------------------------------------
// wrk

interface WrkResult {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  requests: number;
  statuses: Record<string, number>;
  errors: number;
}

function wrk(url: string, script: string, args: string[], duration = DURATION, connections = CONNECTIONS): WrkResult {
  const threads = Math.min(2, connections);
  const result = spawnSync('wrk', ['-t', String(threads), '-c', String(connections), '-d', `${duration}s`, '--timeout', '10s', '--latency', '-s', script, url, '--', ...args, String(threads)], { encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 });
  const out = result.stdout + result.stderr;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const latency = /LATENCY p50=([\d.]+) p90=([\d.]+) p99=([\d.]+)/.exec(out);
  const statuses = Object.fromEntries((/STATUSES (\S*)/.exec(out)?.[1] ?? '').split(',').filter(Boolean).map((pair) => pair.split('=') as [string, string]).map(([k, v]) => [k, Number(v)]));
  const total = /TOTAL requests=(\d+) duration_us=\d+ errors=(\d+)/.exec(out);
  if (!latency) throw new Error(`wrk failed:\n${out}`);
  return { rps, p50: Number(latency[1]), p90: Number(latency[2]), p99: Number(latency[3]), requests: Number(total?.[1] ?? 0), statuses, errors: Number(total?.[2] ?? 0) };
}

function wrkPlain(url: string, duration = DURATION, connections = CONNECTIONS): WrkResult {
  const result = spawnSync('wrk', ['-t', '2', '-c', String(connections), '-d', `${duration}s`, '--latency', url], { encoding: 'utf8' });
  const out = result.stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const ms = (label: string) => {
    const match = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!match) return 0;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  return { rps, p50: ms('50'), p90: ms('90'), p99: ms('99'), requests: 0, statuses: {}, errors: 0 };
}

const OPS = ['mix', 'send', 'lists', 'profile', 'accept'] as const;
type Op = (typeof OPS)[number];

interface Floors {
  /** The plain `pg` send script at this concurrency. */
  plain: { tps: number; p50: number; p99: number };
  /** Fastify hello-world under wrk at this concurrency, direct. */
  hello: WrkResult;
}

interface Round {
  processes: number;
  connections: number;
  ops: Partial<Record<Op, WrkResult>>;
  /** Floors measured right before this N's runs and right after them, at this round's concurrency. */
  floorsBefore: Floors;
  floors: Floors;
}

/** An operation's floor: the mean of the rates measured before and after its N's runs. */
const floorOf = (r: Round, op: Op): { rate: number; name: string; target: number } | null =>
  op === 'send' ? { rate: (r.floorsBefore.plain.tps + r.floors.plain.tps) / 2, name: 'plain pg send', target: 70 }
  : op === 'accept' ? { rate: (r.floorsBefore.plain.tps + r.floors.plain.tps) / 2, name: 'plain pg send', target: 50 }
  : op === 'lists' || op === 'profile' ? { rate: (r.floorsBefore.hello.rps + r.floors.hello.rps) / 2, name: 'hello-world', target: 30 }
  : null;

// ---------------------------------------------------------------------------------------------
// Floors

/** The plain `pg` send and the hello-world, one after the other, at one concurrency. */
async function measureFloors(databaseUrl: string, connections: number, ids: number[], helloPort: number, when: string): Promise<Floors> {
  const plain = await plainSendFloor(databaseUrl, connections, ids);
  await tidyAfterFloor(databaseUrl);
  const hello = wrkPlain(`http://127.0.0.1:${helloPort}/`, DURATION, connections);
  log(`  floors ${when}, ${connections} connections: plain pg send ${plain.tps.toFixed(0)} tx/s (p50 ${plain.p50.toFixed(1)} ms, p99 ${plain.p99.toFixed(1)} ms); hello-world ${hello.rps.toFixed(0)} req/s`);
  return { plain, hello };
}

function pgbenchFloor(connections: number): number | null {
  if (!have('pgbench')) return null;
  const name = `${DB_NAME}_pgbench`;
  const admin = (sqlText: string) => spawnSync('psql', [BASE_URL, '-qc', sqlText], { encoding: 'utf8' });
  admin(`drop database if exists ${name}`);
  admin(`create database ${name}`);
  spawnSync('pgbench', ['-i', '-q', '-s', '4', urlFor(name)], { encoding: 'utf8' });
  const run = spawnSync('pgbench', ['-c', String(connections), '-j', '2', '-T', String(DURATION), '-n', urlFor(name)], { encoding: 'utf8' });
  admin(`drop database if exists ${name}`);
  const tps = /tps = ([\d.]+)/.exec(run.stdout);
  return tps ? Number(tps[1]) : null;
}

/** Compiles Rapport's own query builders to SQL without a connection (the floor runs the very same statements). */
const compiler = new Kysely<DB>({ dialect: new PostgresDialect({ pool: {} as pg.Pool }) });

/**
 * The send's own statements, as the send path issues them, in one committed transaction, prepared:
 * no HTTP, no Rapport code. BEGIN; the pair lock with the recipient lookup; the sender's row
 * FOR NO KEY UPDATE; every fact in one statement; the invitation; its outbox event; COMMIT.
 */
function sendStatements(sender: number, recipient: number, now: Date): { name: string; text: string; values: readonly unknown[] }[] {
  const compiled = [
    ['pair', lockPairWithMemberQuery(sender, recipient).compile(compiler)],
    ['sender', compiler.selectFrom('members').selectAll().where('id', '=', sender).forNoKeyUpdate().compile()],
    ['facts', pairFactsQuery(sender, recipient, 'floor-contact-hash', now).compile(compiler)],
    [
      'insert',
      compiler
        .insertInto('invitations')
        .values({
          sender_id: sender, recipient_id: recipient, recipient_email: null, recipient_email_normalized: null, note: null, how_we_met: null,
          status: 'pending', source: 'profile', created_at: now, last_sent_at: now, viewed_at: null, responded_at: null, ignored_at: null,
          report_reason: null, idempotency_key: null,
        })
        .returningAll()
        .compile(),
    ],
    [
      'event',
      compiler
        .insertInto('outbox')
        .values({ topic: 'invitation.sent', payload: JSON.stringify({ invitationId: 0, senderId: sender, recipientId: recipient }), created_at: now, available_at: now })
        .compile(),
    ],
  ] as const;
  return compiled.map(([name, query]) => ({ name, text: query.sql, values: query.parameters }));
}

async function plainSendFloor(databaseUrl: string, connections: number, ids: number[]): Promise<{ tps: number; p50: number; p99: number }> {
  const clients = await Promise.all(Array.from({ length: connections }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  }));
  const latencies: number[] = [];
  let done = 0;
  let failed = 0;
  // A fresh stretch of pairs each time: committed invitations from an earlier floor would collide.
  const offset = Math.floor(Math.random() * 1_000_000_007);
  const deadline = Date.now() + DURATION * 1000;
  await Promise.all(
    clients.map(async (client, c) => {
      let i = 0;
      while (Date.now() < deadline) {
        const sender = ids[(offset + c * 7919 + i * 104729) % ids.length]!;
        const recipient = ids[(offset * 3 + c * 15485863 + i * 32452843 + 1) % ids.length]!;
        i++;
        if (sender === recipient) continue;
        const t0 = performance.now();
        try {
          await client.query('begin');
          for (const statement of sendStatements(sender, recipient, new Date())) await client.query({ name: statement.name, text: statement.text, values: statement.values as unknown[] });
          await client.query('commit');
          latencies.push(performance.now() - t0);
          done++;
        } catch {
          failed++;
          await client.query('rollback').catch(() => {});
        }
      }
    }),
  );
  await Promise.all(clients.map((client) => client.end()));
  latencies.sort((a, b) => a - b);
  if (failed > done) log(`  the plain send floor failed ${failed} transactions (and committed ${done})`);
  return { tps: done / DURATION, p50: latencies[Math.floor(latencies.length / 2)] ?? 0, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Deployment

function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  const file = join(dir, `nginx-${port}.conf`);
  writeFileSync(
    file,
    `worker_processes 1;
daemon off;
pid ${join(dir, `nginx-${port}.pid`)};
error_log ${join(dir, 'nginx-error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir};
  proxy_temp_path ${dir};
  fastcgi_temp_path ${dir};
  uwsgi_temp_path ${dir};
  scgi_temp_path ${dir};
  upstream rapport {
    least_conn;
${upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://rapport;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
  }
}
`,
  );
  return file;
}

interface Deployment {
  url: string;
  close(): Promise<void>;
}

async function deploy(dir: string, databaseUrl: string, processes: number, useNginx: boolean): Promise<Deployment> {
  const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
  const servers = ports.map((port) => start(process.execPath, ['bin/rapport.mjs', 'serve'], { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RAPPORT_POLICY: policy, RAPPORT_TRUST_PROXY: '127.0.0.1', ...(POOL ? { DATABASE_POOL_SIZE: POOL } : {}) }));
  await Promise.all(ports.map((port) => waitFor(`http://127.0.0.1:${port}/healthz`)));
  if (!useNginx) {
    return { url: `http://127.0.0.1:${ports[0]}`, close: async () => void (await Promise.all(servers.map(stop))) };
  }
  const port = await freePort();
  const nginx = start(existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-c', nginxConfig(dir, port, ports), '-p', dir]);
  await waitFor(`http://127.0.0.1:${port}/healthz`);
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await stop(nginx);
      await Promise.all(servers.map(stop));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Data for the load: tokens of logged-in members, and pending invitations for them to accept or ignore.

async function prepareLoad(dir: string, databaseUrl: string, url: string, answeringRuns: number, tag: string): Promise<{ dataFile: string; ids: number[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const ids = (await client.query<{ id: string }>('select id from members order by id')).rows.map((r) => Number(r.id));
  const chosen = ids.slice(1, TOKENS + 1);
  // Recipients and profiles are drawn from a sample of the network (the Lua table stays small).
  const step = Math.max(1, Math.floor(ids.length / 20_000));
  const sample = ids.filter((_, i) => i % step === 0);
  const emails = new Map((await client.query<{ id: string; email: string }>('select id, email from members where id = any($1::bigint[])', [[...new Set([...sample, ...chosen])]])).rows.map((r) => [Number(r.id), r.email]));
  log(`logging in ${chosen.length} members`);
  const members: { id: number; token: string; answer: number[] }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < chosen.length) {
        const id = chosen[next++]!;
        const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: emails.get(id), password: 'rapport-demo' }) });
        if (!response.ok) throw new Error(`login ${emails.get(id)}: ${response.status}`);
        members.push({ id, token: ((await response.json()) as { token: string }).token, answer: [] });
      }
    }),
  );
  log('creating pending invitations for them to accept or ignore');
  // Enough for every answering request of every run (each run takes its own share): from members
  // far away in id order, no pair reused.
  const perMember = Math.ceil((DURATION * 600 * answeringRuns * 1.2) / members.length) + 10;
  const chosenSet = new Set(chosen);
  for (const member of members) {
    const senders = new Set<number>();
    for (let k = 0; senders.size < perMember && k < perMember * 3; k++) {
      const sender = ids[(member.id * 7 + k * 131 + Math.floor(ids.length / 2)) % ids.length]!;
      if (sender !== member.id && !chosenSet.has(sender)) senders.add(sender);
    }
    const inserted = await client.query<{ id: string }>(
      `insert into invitations (sender_id, recipient_id, status, source, created_at, last_sent_at)
       select s, $1, 'pending', 'profile', now() - interval '1 day', now() - interval '1 day' from unnest($2::bigint[]) s
       on conflict do nothing returning id`,
      [member.id, [...senders]],
    );
    member.answer = inserted.rows.map((r) => Number(r.id));
  }
  await client.query('analyze invitations');
  await client.end();
  const lua = [
    'ids = {',
    sample.map((id) => `"${id}"`).join(','),
    '}',
    'emails = {',
    sample.map((id) => `["${id}"]="${emails.get(id)}"`).join(','),
    '}',
    'members = {',
    members.map((m) => `{token="${m.token}",id="${m.id}",answer={${m.answer.map((a) => `"${a}"`).join(',')}}}`).join(',\n'),
    '}',
  ].join('\n');
  const dataFile = join(dir, `data-${tag}.lua`);
  writeFileSync(dataFile, lua);
  return { dataFile, ids };
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN of the hot queries, as Rapport issues them (compiled from its own builders)

async function explainHotQueries(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const row = (await client.query<{ a: string }>(`select member_id as a from connections group by member_id order by count(*) desc limit 1`)).rows[0]!;
  const a = Number(row.a);
  const b = Number((await client.query<{ b: string }>(`select id as b from members order by id offset (select count(*) / 2 from members) limit 1`)).rows[0]!.b);
  const received = Number((await client.query<{ r: string }>(`select recipient_id as r from invitations where status = 'pending' group by recipient_id order by count(*) desc limit 1`)).rows[0]?.r ?? a);
  const tokenHashes = (await client.query<{ h: string }>('select token_hash as h from auth_tokens limit 5')).rows.map((row) => row.h);
  const pendingId = Number((await client.query<{ id: string }>(`select id from invitations where recipient_id = $1 and status = 'pending' limit 1`, [received])).rows[0]?.id ?? 0);
  const snapshotFloor = (await client.query<{ floor: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as floor')).rows[0]!.floor;
  const now = new Date();
  const raw = (text: string, parameters: readonly unknown[] = []) => ({ sql: text, parameters });
  const queries: [string, { sql: string; parameters: readonly unknown[] }, boolean][] = [
    ['auth: token lookup (a cache miss looks up one token; the background refresh, every token in use that the process looked up 3 s ago or more, gathered for 200 ms: here 5)', liveTokensQuery(compiler, tokenHashes, now).compile(), false],
    ['send 1/5: the pair lock, with the recipient lookup and the block check', lockPairWithMemberQuery(a, b).compile(compiler), true],
    ['send 2/5: the sender\'s row, locked', compiler.selectFrom('members').selectAll().where('id', '=', a).forNoKeyUpdate().compile(), true],
    ['send 3/5: every fact of the send rule in one statement (best-connected member → a member in the middle)', pairFactsQuery(a, b, 'x', now).compile(compiler), false],
    ['send 4/5: the invitation', raw(sendStatements(a, b, now)[3]!.text, sendStatements(a, b, now)[3]!.values), true],
    ['send 5/5: its outbox event', raw(sendStatements(a, b, now)[4]!.text, sendStatements(a, b, now)[4]!.values), true],
    ['received list (the member with the most pending invitations)', compiler.selectFrom('invitations').selectAll('invitations').where('invitations.recipient_id', '=', received).where('invitations.status', '=', 'pending').orderBy('invitations.created_at', 'desc').orderBy('invitations.id', 'desc').limit(21).compile(), false],
    ['sent list', compiler.selectFrom('invitations').selectAll().where('sender_id', '=', a).where('sender_hidden', '=', false).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(21).compile(), false],
    ['lists: the members they mention, in one query (the columns of a summary only)', memberSummariesQuery(compiler, [a, b, received]).compile(), false],
    ['profile: the same facts with the viewer\'s row, one statement', pairFactsWithSenderQuery(a, b, 'x', now).compile(compiler), false],
    ['profile: the member\'s positions, education, groups and skills, whether the viewer follows them, and what the two share, one statement', profileViewQuery(a, b).compile(compiler), false],
    ['accept: the conditional update (recipient and status checked in the statement)', compiler.updateTable('invitations').set({ status: 'accepted', responded_at: now }).where('id', '=', pendingId).where('status', 'in', ['pending', 'ignored']).where('recipient_id', '=', received).returningAll().compile(), true],
    ['accept: both members locked in id order and counted, one statement', raw(`with locked as materialized (select id from members where id in ($1, $2) order by id for no key update)
    update members m set connection_count = m.connection_count + 1
    from locked where m.id = locked.id and m.connection_count < $3
    returning m.id`, [a, b, 30000]), true],
    ['graph index: the outbox poll (every 200 ms per process, and before a read that must see every commit)', graphPollQuery(snapshotFloor).compile(compiler), false],
    ['worker: the outbox claim (every 500 ms per process, and again while a batch came back full)', raw(`select id, topic, payload from outbox
      where processed_at is null and available_at <= now() order by id limit 100 for update skip locked`), true],
    ['worker: the mail claim', raw(`update mail_messages set locked_until = now() + interval '1 minute', attempts = attempts + 1
      where id in (
        select id from mail_messages
        where status = 'pending' and available_at <= now() and (locked_until is null or locked_until < now())
        order by id limit 20
        for update skip locked)
      returning id`), true],
  ];
  const parts: string[] = [`Members: ${a} (the best connected), ${b} (the middle of the id range), ${received} (the most pending invitations received).\n`];
  for (const [label, query, writes] of queries) {
    if (writes) await client.query('begin');
    try {
      const plan = await client.query({ text: `explain (analyze, buffers, costs off, timing on, summary on) ${query.sql}`, values: query.parameters as unknown[] });
      const params = query.parameters.length ? `\n-- parameters: ${JSON.stringify(query.parameters.map((p) => (p instanceof Date ? p.toISOString() : p)))}` : '';
      parts.push(`### ${label}\n\n\`\`\`sql\n${query.sql.trim()}${params}\n\`\`\`\n\n\`\`\`\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
    } catch (error) {
      parts.push(`### ${label}\n\nEXPLAIN failed: ${(error as Error).message}\n`);
    } finally {
      if (writes) await client.query('rollback');
    }
  }
  await client.end();
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Chart

/** For each N and operation, the round (concurrency) with the best throughput. */
function best(results: Round[], processes: number, op: Op): { round: Round; result: WrkResult } | null {
  let found: { round: Round; result: WrkResult } | null = null;
  for (const round of results) {
    const result = round.ops[op];
    if (round.processes === processes && result && (!found || result.rps > found.result.rps)) found = { round, result };
  }
  return found;
}

function chart(results: Round[], pgbench: number | null): string {
  const counts = [...new Set(results.map((r) => r.processes))];
  const colors = ['#0a66c2', '#5f9b41', '#c37d16', '#8f5ba8'];
  const width = 820;
  const height = 400;
  const left = 70;
  const bottom = 330;
  const top = 40;
  const plain = Math.max(...results.flatMap((r) => [r.floorsBefore.plain.tps, r.floors.plain.tps]));
  const hello = Math.max(...results.flatMap((r) => [r.floorsBefore.hello.rps, r.floors.hello.rps]));
  const max = Math.max(...counts.flatMap((n) => OPS.map((op) => best(results, n, op)?.result.rps ?? 0)), plain, pgbench ?? 0) * 1.1 || 1;
  const y = (v: number) => bottom - ((bottom - top) * Math.min(v, max)) / max;
  const groupWidth = (width - left - 20) / OPS.length;
  const barWidth = (groupWidth - 20) / counts.length;
  const bars = OPS.flatMap((op, g) =>
    counts.map((n, k) => {
      const found = best(results, n, op);
      const v = found?.result.rps ?? 0;
      const x = left + g * groupWidth + 10 + k * barWidth;
      return `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(bottom - y(v)).toFixed(1)}" fill="${colors[k % colors.length]}"><title>${op}, ${n} process(es), ${found?.round.connections ?? '?'} connections: ${v.toFixed(0)} req/s, p99 ${found?.result.p99.toFixed(1) ?? '?'} ms</title></rect>` +
        `<text x="${(x + (barWidth - 2) / 2).toFixed(1)}" y="${(y(v) - 3).toFixed(1)}" text-anchor="middle" font-size="10">${v.toFixed(0)}</text>`;
    }),
  );
  const labels = OPS.map((op, g) => `<text x="${(left + g * groupWidth + groupWidth / 2).toFixed(1)}" y="${bottom + 18}" text-anchor="middle">${op}</text>`);
  const ticks = Array.from({ length: 5 }, (_, i) => (max / 5) * i).map((v) => `<line x1="${left}" x2="${width - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(0)}</text>`);
  const line = (v: number | null, label: string, color: string) =>
    v === null || v > max ? '' : `<line x1="${left}" x2="${width - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${color}" stroke-dasharray="6 4"/><text x="${width - 12}" y="${(y(v) - 4).toFixed(1)}" text-anchor="end" fill="${color}">${label} ${v.toFixed(0)}/s</text>`;
  const legend = counts.map((n, k) => `<rect x="${left + k * 120}" y="12" width="12" height="12" fill="${colors[k % colors.length]}"/><text x="${left + k * 120 + 18}" y="22">${n} process${n > 1 ? 'es' : ''}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
${ticks.join('\n')}
${bars.join('\n')}
${labels.join('\n')}
${line(plain, 'plain pg send script (best)', '#b00020')}
${line(pgbench, 'pgbench TPC-B', '#555')}
${legend.join('\n')}
<text x="${left}" y="${height - 30}">requests/s per operation through nginx, at the concurrency with the best throughput for each N</text>
<text x="${left}" y="${height - 12}">(Fastify hello-world floor: ${hello.toFixed(0)} req/s, off the scale)</text>
</svg>
`;
}

// ---------------------------------------------------------------------------------------------

interface SizeProbe {
  members: number;
  seedSeconds: number;
  connections: number;
  ops: Partial<Record<Op, WrkResult>>;
}

async function seedDatabase(admin: pg.Client, name: string, members: number): Promise<{ url: string; seconds: number }> {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = urlFor(name);
  log(`seeding ${members.toLocaleString('en')} members (rapport seed) into ${name}`);
  const t0 = Date.now();
  const seeded = spawnSync(process.execPath, ['bin/rapport.mjs', 'seed', '--members', String(members)], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit'] });
  if (seeded.status !== 0) throw new Error('seed failed');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('vacuum analyze');
  await c.end();
  return { url, seconds: (Date.now() - t0) / 1000 };
}

/** Removes what a floor wrote that the next servers' workers would otherwise pick up. */
async function tidyAfterFloor(databaseUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(`delete from outbox where topic = 'invitation.sent' and payload::jsonb->>'invitationId' = '0'`);
  await c.end();
}

async function main(): Promise<void> {
  const tools = ensureTools();
  if (!tools.wrk) {
    log('wrk is not installed (apt-get install -y wrk) and could not be installed: skipping the benchmark');
    return;
  }
  if (!tools.nginx) log('nginx is not installed: each N is served by its first process directly (N = 1 only)');
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  const script = join(root, 'bench/http/mix.lua');
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  const loadStart = loadavg();
  const startedAt = new Date();
  log(`machine: ${cpus().length} cores, load average ${loadStart.map((l) => l.toFixed(2)).join(' ')}; ${MEMBERS} members (probes: ${SIZES.join(', ') || 'none'}), N = ${PROCESSES.join(', ')}, ${DURATION} s per run, ${CONCURRENCY.join(' and ')} connections`);
  const databases: string[] = [];
  const counts = tools.nginx ? PROCESSES : [1];
  const probeConnections = Math.min(...CONCURRENCY);

  try {
    const helloPort = await freePort();
    const hello = start(process.execPath, ['bench/http/hello.mjs'], { PORT: String(helloPort) });
    await waitFor(`http://127.0.0.1:${helloPort}/`);

    // Latency against network size: the smaller networks first, N = 1, the lowest concurrency.
    const probes: SizeProbe[] = [];
    for (const size of SIZES) {
      const name = `${DB_NAME}_${size}`;
      databases.push(name);
      const seeded = await seedDatabase(admin, name, size);
      const first = await deploy(dir, seeded.url, 1, false);
      const { dataFile } = await prepareLoad(dir, seeded.url, first.url, 1, String(size));
      wrk(first.url, script, [dataFile, 'profile', '0', '1'], 2, probeConnections);
      const ops: SizeProbe['ops'] = {};
      for (const op of ['send', 'lists', 'profile', 'accept'] as const) {
        ops[op] = wrk(first.url, script, [dataFile, op, '0', '1'], DURATION, probeConnections);
        log(`  ${size.toLocaleString('en')} members, N = 1 direct, ${probeConnections} connections: ${op} ${ops[op]!.rps.toFixed(0)} req/s, p50 ${ops[op]!.p50.toFixed(1)} ms, p99 ${ops[op]!.p99.toFixed(1)} ms`);
      }
      await first.close();
      probes.push({ members: size, seedSeconds: seeded.seconds, connections: probeConnections, ops });
      await admin.query(`drop database if exists ${name} with (force)`);
    }
    if (SIZES_ONLY) {
      await stop(hello);
      writeDocSection(join(root, 'docs/performance.md'), 'http-sizes', sizesDocument({ probes, loadStart, loadEnd: loadavg(), startedAt }));
      log('wrote the latency-against-size section of docs/performance.md');
      return;
    }

    const mainDb = `${DB_NAME}_${MEMBERS}`;
    databases.push(mainDb);
    const seeded = await seedDatabase(admin, mainDb, MEMBERS);
    const databaseUrl = seeded.url;
    const first = await deploy(dir, databaseUrl, 1, false);
    // Runs that answer invitations (mix and accept, for each N and concurrency, and the size probe) each get their own share.
    const slots = 2 * counts.length * CONCURRENCY.length + 1;
    const { dataFile, ids } = await prepareLoad(dir, databaseUrl, first.url, slots, String(MEMBERS));
    // The same probe as the smaller networks', on this one.
    wrk(first.url, script, [dataFile, 'profile', '0', '1'], 2, probeConnections);
    const mainProbe: SizeProbe = { members: MEMBERS, seedSeconds: seeded.seconds, connections: probeConnections, ops: {} };
    for (const op of ['send', 'lists', 'profile', 'accept'] as const) {
      mainProbe.ops[op] = wrk(first.url, script, [dataFile, op, String(slots - 1), String(slots)], DURATION, probeConnections);
      log(`  ${MEMBERS.toLocaleString('en')} members, N = 1 direct, ${probeConnections} connections: ${op} ${mainProbe.ops[op]!.rps.toFixed(0)} req/s, p50 ${mainProbe.ops[op]!.p50.toFixed(1)} ms, p99 ${mainProbe.ops[op]!.p99.toFixed(1)} ms`);
    }
    probes.push(mainProbe);
    await first.close();

    log('floor: pgbench TPC-B-like');
    const pgbench = pgbenchFloor(CONNECTIONS);
    log(`  ${pgbench === null ? 'pgbench not installed' : `${pgbench.toFixed(0)} tps`}`);

    const results: Round[] = [];
    let slot = 0;
    for (const processes of counts) {
      // The floors right before and right after this N's runs, at each concurrency: a ratio compares
      // the operation with the mean of the two, taken around it under the same machine load.
      const before = new Map<number, Floors>();
      for (const connections of CONCURRENCY) before.set(connections, await measureFloors(databaseUrl, connections, ids, helloPort, `before N = ${processes}`));
      log(`N = ${processes}: starting ${processes} server process(es)${tools.nginx ? ' behind nginx' : ''}`);
      const deployment = await deploy(dir, databaseUrl, processes, tools.nginx);
      wrk(deployment.url, script, [dataFile, 'profile', '0', '1'], 2); // warm-up: connections, caches, the graph index
      const rounds: Round[] = [];
      for (const connections of CONCURRENCY) {
        const ops: Round['ops'] = {};
        for (const op of OPS) {
          const share = op === 'mix' || op === 'accept' ? slot++ : 0;
          ops[op] = wrk(deployment.url, script, [dataFile, op, String(share), String(slots)], DURATION, connections);
          log(`  N = ${processes}, ${connections} connections: ${op} ${ops[op]!.rps.toFixed(0)} req/s, p50 ${ops[op]!.p50.toFixed(1)} ms, p99 ${ops[op]!.p99.toFixed(1)} ms, statuses ${JSON.stringify(ops[op]!.statuses)}`);
        }
        rounds.push({ processes, connections, ops, floorsBefore: before.get(connections)!, floors: before.get(connections)! });
      }
      await deployment.close();
      for (const round of rounds) {
        round.floors = await measureFloors(databaseUrl, round.connections, ids, helloPort, `after N = ${processes}`);
        results.push(round);
      }
    }
    await stop(hello);

    log('EXPLAIN of the hot queries');
    const explains = await explainHotQueries(databaseUrl);
    const loadEnd = loadavg();

    writeFileSync(join(root, 'docs/throughput.svg'), chart(results, pgbench));
    // docs/performance.md is shared with the graph benchmark: this run rewrites only its own section, one heading level down.
    const section = document({ results, pgbench, explains, probes, loadStart, loadEnd, startedAt }).replace(/^#/gm, '##').replace(/^## Throughput/m, '## HTTP throughput');
    writeDocSection(join(root, 'docs/performance.md'), 'http', section);
    process.stdout.write(summary(results, pgbench, probes));
    log('wrote its section of docs/performance.md, and docs/throughput.svg');
  } finally {
    await Promise.all(children.map(stop));
    if (!flag('keep')) for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const fmt = (v: number, digits = 1) => v.toFixed(digits);

function summary(results: Round[], pgbench: number | null, probes: SizeProbe[]): string {
  const lines = ['', `operation   N  conns    req/s   p50 ms   p99 ms   ratio to its floor (the mean of before and after, same concurrency)`];
  for (const r of results) {
    for (const op of OPS) {
      const w = r.ops[op];
      if (!w) continue;
      const floor = floorOf(r, op);
      lines.push(`${op.padEnd(10)} ${String(r.processes).padStart(2)} ${String(r.connections).padStart(6)} ${w.rps.toFixed(0).padStart(8)} ${fmt(w.p50).padStart(8)} ${fmt(w.p99).padStart(8)}   ${floor ? `${((100 * w.rps) / floor.rate).toFixed(0)} % of ${floor.name} (${floor.rate.toFixed(0)}/s)` : ''}`);
    }
  }
  for (const probe of probes) lines.push(`size ${probe.members}: ${Object.entries(probe.ops).map(([op, w]) => `${op} p50 ${fmt(w!.p50)} p99 ${fmt(w!.p99)}`).join('; ')}`);
  lines.push(`pgbench ${pgbench === null ? 'n/a' : `${pgbench.toFixed(0)} tps`}`, '');
  return lines.join('\n');
}

function sizeTable(probes: SizeProbe[]): string {
  const probeOps = ['send', 'lists', 'profile', 'accept'] as const;
  const rows = probes
    .slice()
    .sort((x, y) => x.members - y.members)
    .map((p) => `| ${p.members.toLocaleString('en')} | ${p.seedSeconds.toFixed(0)} s | ${probeOps.map((op) => (p.ops[op] ? `${fmt(p.ops[op]!.p50)} / ${fmt(p.ops[op]!.p99)} (${p.ops[op]!.rps.toFixed(0)}/s)` : '—')).join(' | ')} |`);
  return ['| members | seeded in | send | lists | profile | accept |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** The section a `--sizes-only` run writes: how latency grows with the network, nothing else. */
function sizesDocument(input: { probes: SizeProbe[]; loadStart: number[]; loadEnd: number[]; startedAt: Date }): string {
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(', ');
  const command = `npm run bench:http -- ${argv.join(' ')}`;
  return `## Latency from 10,000 to 1,000,000 members

Generated by \`${command}\` on ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${cpus().length} cores;
load average (1, 5, 15 min) ${load(input.loadStart)} at the start and ${load(input.loadEnd)} at the end.

Each network is a demo network seeded by \`rapport seed --members N\` (then \`VACUUM ANALYZE\`), served
by one \`rapport serve\` process, direct (no nginx), ${TOKENS} members logged in, and driven by wrk
for ${DURATION} s per operation at ${input.probes[0]?.connections ?? '—'} connections (the same classes as the throughput
runs). p50 / p99 in ms (and req/s). Every hot query is an indexed lookup (plans in the throughput
section), so the times should not grow with the network.

${sizeTable(input.probes)}
`;
}

function document(input: { results: Round[]; pgbench: number | null; explains: string; probes: SizeProbe[]; loadStart: number[]; loadEnd: number[]; startedAt: Date }): string {
  const { results, pgbench, probes } = input;
  const counts = [...new Set(results.map((r) => r.processes))];
  const rows = results.flatMap((r) =>
    OPS.flatMap((op) => {
      const w = r.ops[op];
      if (!w) return [];
      const floor = floorOf(r, op);
      const refused = Object.entries(w.statuses).filter(([s]) => Number(s) >= 400).map(([s, n]) => `${s}×${n}`).join(' ');
      const isBest = best(results, r.processes, op)?.round === r;
      return [`| ${op} | ${r.processes} | ${r.connections}${isBest ? ' ★' : ''} | ${w.rps.toFixed(0)} | ${fmt(w.p50)} | ${fmt(w.p99)} | ${floor ? `${((100 * w.rps) / floor.rate).toFixed(0)} % of ${floor.rate.toFixed(0)}/s` : '—'} | ${refused || '—'} |`];
    }),
  );
  const floorRow = (when: string, r: Round, f: Floors) =>
    `| ${when} N = ${r.processes} | ${r.connections} | ${f.plain.tps.toFixed(0)} tx/s (p50 ${fmt(f.plain.p50)} ms, p99 ${fmt(f.plain.p99)} ms) | ${f.hello.rps.toFixed(0)} req/s (p50 ${fmt(f.hello.p50, 2)} ms, p99 ${fmt(f.hello.p99, 2)} ms) |`;
  const floors = results.flatMap((r) => [floorRow('before', r, r.floorsBefore), floorRow('after', r, r.floors)]);
  // Targets, at the concurrency with the best throughput for each N.
  const targets = counts.flatMap((n) =>
    OPS.flatMap((op) => {
      const found = best(results, n, op);
      if (!found) return [];
      const floor = floorOf(found.round, op);
      const ratio = floor ? (100 * found.result.rps) / floor.rate : null;
      const ratioOk = floor && ratio !== null ? ratio >= floor.target : null;
      const p99Ok = found.result.p99 < 25;
      return [`| ${op} | ${n} | ${found.round.connections} | ${found.result.rps.toFixed(0)} | ${floor && ratio !== null ? `${ratio.toFixed(0)} % of ${floor.name} (target ≥ ${floor.target} %) ${ratioOk ? 'met' : '**missed**'}` : '—'} | ${fmt(found.result.p99)} ms ${p99Ok ? 'met' : '**missed**'} |`];
    }),
  );
  const growth = OPS.map((op) => `| ${op} | ${counts.map((n) => best(results, n, op)?.result.rps.toFixed(0) ?? '—').join(' | ')} |`);
  const command = `npm run bench:http${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(', ');
  return `# Throughput

Generated by \`${command}\` on ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${cpus().length} cores.
Load average (1, 5, 15 min) **${load(input.loadStart)} at the start** and **${load(input.loadEnd)} at the end** of the run
(the run itself keeps both cores busy; anything far above 2 at the start means other work shared the
machine). Absolute rates move with that load; the ratios compare each operation with floors measured
right before and right after its N's runs, at the same concurrency, under the same load.

A real deployment on this machine: PostgreSQL 15, N \`rapport serve\` processes behind nginx
(one worker, \`least_conn\`, upstream keep-alive), each with a pool of ${POOL || '10'} connections (\`DATABASE_POOL_SIZE\`; 4 × ${POOL || '10'} plus the
floors' ${CONNECTIONS} stay under \`max_connections\` = 100), logging at \`warn\`, a demo network of
${MEMBERS.toLocaleString('en')} members (\`rapport seed --members ${MEMBERS}\`), ${TOKENS} of them logged in to drive the load.
wrk (2 threads) runs each row for ${DURATION} s at ${CONCURRENCY.join(' and at ')} connections, with \`bench/http/mix.lua\`:

- **mix**: send 20 %, list received/sent 40 %, profile with degree and mutual count 30 %, accept/ignore 10 %;
- **send**: \`POST /invitations\` to a random member, with their email (so it is eligible);
- **lists**: \`GET /invitations/received?status=pending\` and \`GET /invitations/sent\`, half each;
- **profile**: \`GET /members/{id}\` of a random member (degree, mutual connections, canInvite, follow state, in common);
- **accept**: \`POST /invitations/{id}/accept\` on a pending invitation seeded for the member.

## Floors, measured in the same run on the same PostgreSQL

- pgbench TPC-B-like (one durable write transaction, \`pgbench -i -s 4\`, ${CONNECTIONS} clients, 2 threads): ${pgbench === null ? 'pgbench not installed' : `**${pgbench.toFixed(0)} tps**`}
- plain \`pg\` send: the send path's own statements — compiled from Rapport's query builders, so the
  same SQL — in one committed transaction, as named prepared statements, one client per connection,
  no HTTP, no Rapport code: \`BEGIN\`; the pair lock with the recipient lookup and block check; the sender's row
  \`FOR NO KEY UPDATE\`; every fact in one statement; the invitation; its outbox event; \`COMMIT\`;
- Fastify hello-world: the HTTP floor — same Node, same framework, nothing else, wrk direct (one process).

| measured | connections | plain \`pg\` send | Fastify hello-world |
|---|---|---|---|
${floors.join('\n')}

## Results

Ratio: send and accept against the plain \`pg\` send, lists and profile against the hello-world: the
mean of the floor measured right before and right after that N's runs, at the same concurrency. ★ marks the concurrency with the
best throughput for that operation and N. "Refused" are answers ≥ 400 (a send to a member already
invited or connected answers 409, which is correct; an accept falls back to reading the list once its
share of seeded invitations is used up).

| operation | N | connections | req/s | p50 ms | p99 ms | ratio | refused |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

![throughput per operation and process count](throughput.svg)

### Reading these numbers

- One machine of 2 cores runs wrk, nginx, every server process, PostgreSQL and the floors, so a
  floor is an upper bound no layered request can reach; more processes add no CPU.
- Both the plain \`pg\` send and Rapport run their statements prepared: Rapport prepares its hot
  statements by name, and any other statement text once it has come back three times
  (\`StatementNames\` in \`src/db/database.ts\`), so PostgreSQL plans each once per connection — for
  the facts statement the plan costs more than running it (see its \`Planning Time\` below).
- Each send and accept also has its effects delivered (the outbox: notifications, mail, webhooks)
  by the worker that every \`rapport serve\` process runs; the floor writes the event and stops there.
  The worker reads and writes a whole batch of up to 100 events in about 9 statements
  (\`EffectsBatch\` in \`src/jobs/effects-batch.ts\`), then marks each mail sent as it goes out.
- A read's own cost is mostly Node's: routing, the auth hook (no database round trip: tokens are
  cached, and those in use refreshed in the background, all of a process's due tokens in one
  statement every 200 ms rather than one statement per token every 3 s), the query builder, the
  \`pg\` protocol, and the zod validation of every response before it is serialised. The
  hello-world does none of it. A list reads its invitations, then the members they mention, only
  the columns a summary shows (\`memberSummariesQuery\`): a page of 20 is about 14 KB of JSON.
- A profile costs two statements, side by side: the facts of the send rule with both members' rows
  (for \`canInvite\`; the viewer's address, which the contacts check needs, comes with the cached
  token), and the profile view (parts, follow state, what the two share). Folding three of five into
  the profile view took a direct profile run from about 1,220 to 1,380–1,510 req/s; folding the
  viewer's row into the facts, from 1,130–1,400 to 1,570–1,610 (three alternating runs each).
- Screens read the graph index without a poll when a poll finished less than 500 ms ago and this
  process made no graph change since (\`Freshness\` in \`src/graph/registry.ts\`); the profile's own
  degree is checked against the committed facts and polls only when they disagree.

### Targets (issue 8), at the concurrency with the best throughput

| operation | N | connections | req/s | rate against its floor | p99 < 25 ms |
|---|---|---|---|---|---|
${targets.join('\n')}

### From 1 to ${Math.max(...counts)} processes (req/s at the best concurrency)

Two cores serve everything here — nginx, every server process, PostgreSQL and wrk itself — so more
processes cannot add CPU; they add parallelism where one process waits (its pool, its event loop).

| operation | ${counts.map((n) => `N = ${n}`).join(' | ')} |
|---|${counts.map(() => '---').join('|')}|
${growth.join('\n')}

### Latency against network size

One process, direct (no nginx), ${probes[0]?.connections ?? '—'} connections, p50 / p99 in ms (and req/s); every hot query is an
indexed lookup (plans below), so latency should not grow with the network.

${sizeTable(probes)}

A separate run takes the same probe to 1,000,000 members: [Latency from 10,000 to 1,000,000 members](#latency-from-10000-to-1000000-members).

## How to run

\`\`\`sh
npm run bench:http                            # quick: 10,000 members, 6 s per run, N = 1, 2, 4 at 8 and 32 connections
npm run bench:http:full                       # 100,000 members (and a 10,000-member size probe), 12 s per run
npm run bench:http -- --sizes-only --sizes 10000,100000,1000000   # latency against network size, to a million members
\`\`\`

wrk and nginx come from Debian (\`apt-get install -y wrk nginx-light\`); the script installs them
when it runs as root and they are missing, and skips (saying so) when it cannot.

## EXPLAIN of the hot queries

On the benchmark database after the run (\`EXPLAIN (ANALYZE, BUFFERS)\`; statements that write run
in a transaction that is rolled back). The SQL is what Rapport sends, compiled from its own builders.
A \`Seq Scan\` on \`blocks\`, \`contacts\`, \`allotment_grants\` or \`auth_tokens\` is the planner's choice
for a table of a few rows in the demo network; each lookup has its index (\`blocks_pkey\`,
\`contacts_owner_id_email_hash_key\`, \`allotment_grants_member\`, \`auth_tokens_pkey\`) for when it grows.

${input.explains}
`;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
