/**
 * The HTTP throughput benchmark: a real deployment on this machine — PostgreSQL, N = 1, 2, 4
 * `rapport serve` processes behind nginx, a seeded demo network — driven by wrk with a realistic
 * mix, and three floors measured in the same run on the same PostgreSQL: pgbench's TPC-B-like
 * rate, a plain `pg` script running the send's own SQL in one transaction with prepared
 * statements, and a Fastify hello-world. Writes docs/throughput.md and docs/throughput.svg.
 *
 *   npx tsx bench/http/run.ts                 # quick: 10,000 members, short runs (~5 min)
 *   npx tsx bench/http/run.ts --full          # 100,000 members, longer runs
 *   npx tsx bench/http/run.ts --members 1000000 --processes 4 --duration 30
 *
 * Options: --members N, --processes 1,2,4, --duration S (per wrk run), --connections C,
 * --tokens N (members logged in to drive the load), --no-install, --keep (leave the database).
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the benchmark
 * creates and drops its own databases on it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

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
const PROCESSES = option('processes', '1,2,4').split(',').map(Number);
const DURATION = Number(option('duration', full ? '20' : '6'));
const CONNECTIONS = Number(option('connections', '32'));
const TOKENS = Number(option('tokens', full ? '400' : '200'));
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = `rapport_bench_${process.pid}`;
const policy = JSON.stringify({ captchaAfterPerDay: 1_000_000, monthlyLimit: 1_000_000, lifetimeAllotment: 1_000_000 });

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
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

interface Round {
  processes: number;
  ops: Record<string, WrkResult>;
  /** Floors measured right after this round. */
  plain: { tps: number; p50: number; p99: number };
  hello: WrkResult;
}

const floorOf = (r: Round, op: string): { rate: number; name: string } | null =>
  (op === 'send' || op === 'answer') && r.plain.tps === 0 ? null : op === 'send' || op === 'answer' ? { rate: r.plain.tps, name: 'plain pg send' } : op === 'lists' || op === 'profile' ? { rate: r.hello.rps, name: 'hello-world' } : null;

// ---------------------------------------------------------------------------------------------
// Floors

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

/** The send's own statements, in one transaction, prepared: no HTTP, no Rapport code. */
async function plainSendFloor(databaseUrl: string, connections: number, ids: number[]): Promise<{ tps: number; p50: number; p99: number }> {
  const statements: [string, string][] = [
    ['recipient', 'select * from members where id = $1'],
    ['pair', 'select pg_advisory_xact_lock($1::int, $2::int)'],
    ['sender', 'select * from members where id = $1 for no key update'],
    ['blocked', 'select blocker_id from blocks where (blocker_id = $1 and blocked_id = $2) or (blocker_id = $2 and blocked_id = $1)'],
    ['settings', 'select * from member_settings where member_id = $1'],
    ['connected', 'select member_id from connections where member_id = $1 and other_id = $2'],
    ['second', 'select 1 as found from connections ca join connections cb on cb.member_id = $2 and cb.other_id = ca.other_id where ca.member_id = $1 limit 1'],
    ['open', "select * from invitations where status in ('pending', 'ignored') and ((sender_id = $1 and recipient_id = $2) or (sender_id = $2 and recipient_id = $1))"],
    ['history', "select status, responded_at, ignored_at from invitations where sender_id = $1 and recipient_id = $2 and status not in ('pending')"],
    ['counts', `select count(*)::int as lifetime, (count(*) filter (where created_at >= $2))::int as month, (count(*) filter (where created_at > $3))::int as week,
      (count(*) filter (where created_at > $4))::int as day, min(created_at) filter (where created_at > $3) as oldest_week from invitations where sender_id = $1`],
    ['grants', 'select coalesce(sum(count), 0) as total from allotment_grants where member_id = $1'],
    ['contacts', 'select id from contacts where owner_id = $1 and email_hash = $2'],
    ['insert', `insert into invitations (sender_id, recipient_id, recipient_email, recipient_email_normalized, note, how_we_met, status, source, created_at, last_sent_at)
      values ($1, $2, null, null, null, null, 'pending', 'profile', now(), now()) returning *`],
    ['event', "insert into outbox (topic, payload, created_at, available_at) values ('invitation.sent', $1, now(), now())"],
  ];
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
        const now = new Date();
        const t0 = performance.now();
        try {
          await client.query('begin');
          const q = (name: string, values: unknown[]) => client.query({ name, text: statements.find(([n]) => n === name)![1], values });
          await q('recipient', [recipient]);
          await q('pair', [Math.min(sender, recipient), Math.max(sender, recipient)]);
          await q('sender', [sender]);
          await q('blocked', [sender, recipient]);
          await q('settings', [recipient]);
          await q('connected', [sender, recipient]);
          await q('second', [sender, recipient]);
          await q('open', [sender, recipient]);
          await q('history', [sender, recipient]);
          await q('counts', [sender, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), new Date(now.getTime() - 7 * 86_400_000), new Date(now.getTime() - 86_400_000)]);
          await q('grants', [sender]);
          await q('contacts', [recipient, 'x']);
          await q('insert', [sender, recipient]);
          await q('event', [JSON.stringify({ senderId: sender, recipientId: recipient })]);
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
  const servers = ports.map((port) => start(process.execPath, ['bin/rapport.mjs', 'serve'], { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RAPPORT_POLICY: policy }));
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
// Data for the load: tokens of logged-in members, and pending invitations for them to answer.

async function prepareLoad(dir: string, databaseUrl: string, url: string): Promise<{ dataFile: string; ids: number[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const ids = (await client.query<{ id: string }>('select id from members order by id')).rows.map((r) => Number(r.id));
  const emails = new Map((await client.query<{ id: string; email: string }>('select id, email from members')).rows.map((r) => [Number(r.id), r.email]));
  const chosen = ids.slice(1, TOKENS + 1);
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
  // Enough for every answer request of every run: from members far away in id order (no pair reused).
  const perMember = Math.ceil((DURATION * 400 * PROCESSES.length * 2 * 1.2) / members.length) + 10;
  for (const member of members) {
    const senders: number[] = [];
    for (let k = 0; senders.length < perMember && k < perMember * 3; k++) {
      const sender = ids[(member.id * 7 + k * 131 + Math.floor(ids.length / 2)) % ids.length]!;
      if (sender !== member.id && !chosen.includes(sender)) senders.push(sender);
    }
    const inserted = await client.query<{ id: string }>(
      `insert into invitations (sender_id, recipient_id, status, source, created_at, last_sent_at)
       select s, $1, 'pending', 'profile', now() - interval '1 day', now() - interval '1 day' from unnest($2::bigint[]) s
       on conflict do nothing returning id`,
      [member.id, [...new Set(senders)]],
    );
    member.answer = inserted.rows.map((r) => Number(r.id));
  }
  await client.end();
  const lua = [
    'ids = {',
    ids.map((id) => `"${id}"`).join(','),
    '}',
    'emails = {',
    ids.map((id) => `["${id}"]="${emails.get(id)}"`).join(','),
    '}',
    'members = {',
    members.map((m) => `{token="${m.token}",id="${m.id}",answer={${m.answer.map((a) => `"${a}"`).join(',')}}}`).join(',\n'),
    '}',
  ].join('\n');
  const dataFile = join(dir, 'data.lua');
  writeFileSync(dataFile, lua);
  return { dataFile, ids };
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN of the hot queries

async function explainHotQueries(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const row = (await client.query<{ a: string; b: string }>(`select c.member_id as a, (select max(id) from members) as b from connections c group by c.member_id order by count(*) desc limit 1`)).rows[0]!;
  const a = Number(row.a);
  const b = Math.max(1, Math.floor(Number(row.b) / 2));
  const queries: [string, string][] = [
    ['send facts: sender row lock', `select * from members where id = ${a} for no key update`],
    ['send facts: connected?', `select member_id from connections where member_id = ${a} and other_id = ${b}`],
    ['send facts: share a connection (2nd degree)?', `select 1 from connections ca join connections cb on cb.member_id = ${b} and cb.other_id = ca.other_id where ca.member_id = ${a} limit 1`],
    ['send facts: open invitation between the pair', `select * from invitations where status in ('pending','ignored') and ((sender_id = ${a} and recipient_id = ${b}) or (sender_id = ${b} and recipient_id = ${a}))`],
    ['send facts: history of the pair', `select status, responded_at, ignored_at from invitations where sender_id = ${a} and recipient_id = ${b} and status not in ('pending')`],
    ['send facts: quota counts', `select count(*), count(*) filter (where created_at >= date_trunc('month', now())), count(*) filter (where created_at > now() - interval '7 days') from invitations where sender_id = ${a}`],
    ['received list', `select * from invitations where recipient_id = ${a} and status = 'pending' order by created_at desc, id desc limit 21`],
    ['sent list', `select * from invitations where sender_id = ${a} and sender_hidden = false order by created_at desc, id desc limit 21`],
    ['profile: mutual connection count', `select count(*) from connections ca join connections cb on cb.member_id = ${b} and cb.other_id = ca.other_id where ca.member_id = ${a}`],
    ['profile: 3rd degree', `select 1 from connections ca join connections cx on cx.member_id = ca.other_id join connections cb on cb.member_id = ${b} and cb.other_id = cx.other_id where ca.member_id = ${a} limit 1`],
  ];
  const parts: string[] = [];
  for (const [label, text] of queries) {
    const plan = await client.query(`explain (analyze, buffers, costs off, timing on, summary on) ${text}`);
    parts.push(`### ${label}\n\n\`\`\`sql\n${text}\n\`\`\`\n\n\`\`\`\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n\`\`\`\n`);
  }
  await client.end();
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Chart

function chart(results: Round[], floors: { plain: number; hello: number; pgbench: number | null }): string {
  const ops = ['mix', 'send', 'lists', 'profile', 'answer'];
  const colors = ['#0a66c2', '#5f9b41', '#c37d16', '#8f5ba8'];
  const width = 760;
  const height = 380;
  const left = 70;
  const bottom = 320;
  const top = 40;
  const max = Math.max(...results.flatMap((r) => ops.map((op) => r.ops[op]?.rps ?? 0)), floors.plain, floors.pgbench ?? 0) * 1.1 || 1;
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  const groupWidth = (width - left - 20) / ops.length;
  const barWidth = (groupWidth - 20) / results.length;
  const bars = ops.flatMap((op, g) =>
    results.map((r, k) => {
      const v = r.ops[op]?.rps ?? 0;
      const x = left + g * groupWidth + 10 + k * barWidth;
      return `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(bottom - y(v)).toFixed(1)}" fill="${colors[k % colors.length]}"><title>${op}, ${r.processes} process(es): ${v.toFixed(0)} req/s</title></rect>`;
    }),
  );
  const labels = ops.map((op, g) => `<text x="${(left + g * groupWidth + groupWidth / 2).toFixed(1)}" y="${bottom + 18}" text-anchor="middle">${op}</text>`);
  const ticks = Array.from({ length: 5 }, (_, i) => (max / 5) * i).map((v) => `<line x1="${left}" x2="${width - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(0)}</text>`);
  const line = (v: number | null, label: string, color: string) =>
    v === null || v > max ? '' : `<line x1="${left}" x2="${width - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${color}" stroke-dasharray="6 4"/><text x="${width - 12}" y="${(y(v) - 4).toFixed(1)}" text-anchor="end" fill="${color}">${label} ${v.toFixed(0)}/s</text>`;
  const legend = results.map((r, k) => `<rect x="${left + k * 120}" y="12" width="12" height="12" fill="${colors[k % colors.length]}"/><text x="${left + k * 120 + 18}" y="22">${r.processes} process${r.processes > 1 ? 'es' : ''}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
${ticks.join('\n')}
${bars.join('\n')}
${labels.join('\n')}
${line(floors.plain, 'plain pg send script', '#b00020')}
${line(floors.pgbench, 'pgbench TPC-B', '#555')}
${legend.join('\n')}
<text x="${left}" y="${height - 12}">requests/s per operation class through nginx (hello-world floor: ${floors.hello.toFixed(0)}/s, off the scale)</text>
</svg>
`;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const tools = ensureTools();
  if (!tools.wrk) {
    log('wrk is not installed (apt-get install -y wrk) and could not be installed: skipping the benchmark');
    return;
  }
  if (!tools.nginx) log('nginx is not installed: each N is served by its first process directly (N = 1 only)');
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  const script = join(root, 'bench/http/mix.lua');
  const databaseUrl = urlFor(DB_NAME);
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME}`);
  await admin.query(`create database ${DB_NAME}`);
  log(`machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}; ${MEMBERS} members, N = ${PROCESSES.join(', ')}, ${DURATION} s per run, ${CONNECTIONS} connections`);

  try {
    log(`seeding ${MEMBERS} members (rapport seed)`);
    const seeded = spawnSync(process.execPath, ['bin/rapport.mjs', 'seed', '--members', String(MEMBERS)], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'inherit', 'inherit'] });
    if (seeded.status !== 0) throw new Error('seed failed');
    await (async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query('vacuum analyze');
      await c.end();
    })();

    const first = await deploy(dir, databaseUrl, 1, false);
    const { dataFile, ids } = await prepareLoad(dir, databaseUrl, first.url);
    await first.close();

    const results: Round[] = [];
    const counts = tools.nginx ? PROCESSES : [1];
    // Runs that answer invitations (mix and answer, for each N) each get their own share of them.
    const slots = 2 * counts.length;
    let slot = 0;
    const helloPort = await freePort();
    const hello = start(process.execPath, ['bench/http/hello.mjs'], { PORT: String(helloPort) });
    await waitFor(`http://127.0.0.1:${helloPort}/`);
    log('floor: pgbench TPC-B-like');
    const pgbench = pgbenchFloor(CONNECTIONS);
    log(`  ${pgbench === null ? 'pgbench not installed' : `${pgbench.toFixed(0)} tps`}`);
    for (const processes of counts) {
      log(`N = ${processes}: starting ${processes} server process(es)${tools.nginx ? ' behind nginx' : ''}`);
      const deployment = await deploy(dir, databaseUrl, processes, tools.nginx);
      const ops: Record<string, WrkResult> = {};
      wrk(deployment.url, script, [dataFile, 'profile', '0', '1'], 2); // warm-up: connections, caches, the graph index
      for (const op of ['mix', 'send', 'lists', 'profile', 'answer']) {
        log(`N = ${processes}: wrk ${op} for ${DURATION} s`);
        const share = op === 'mix' || op === 'answer' ? slot++ : 0;
        ops[op] = wrk(deployment.url, script, [dataFile, op, String(share), String(slots)]);
        log(`  ${op}: ${ops[op]!.rps.toFixed(0)} req/s, p50 ${ops[op]!.p50.toFixed(1)} ms, p99 ${ops[op]!.p99.toFixed(1)} ms, statuses ${JSON.stringify(ops[op]!.statuses)}`);
      }
      await deployment.close();
      // The floors right after this N's runs, so that a ratio compares numbers taken under the same machine load.
      log(`N = ${processes}: floor: plain pg script running the send SQL`);
      const plain = await plainSendFloor(databaseUrl, CONNECTIONS, ids);
      log(`  ${plain.tps.toFixed(0)} tx/s, p50 ${plain.p50.toFixed(1)} ms, p99 ${plain.p99.toFixed(1)} ms`);
      log(`N = ${processes}: floor: Fastify hello-world under wrk`);
      const helloResult = wrkPlain(`http://127.0.0.1:${helloPort}/`);
      log(`  ${helloResult.rps.toFixed(0)} req/s`);
      results.push({ processes, ops, plain, hello: helloResult });
    }
    await stop(hello);

    log('EXPLAIN of the hot queries');
    const explains = await explainHotQueries(databaseUrl);

    writeFileSync(join(root, 'docs/throughput.svg'), chart(results, { plain: Math.max(...results.map((r) => r.plain.tps)), hello: Math.max(...results.map((r) => r.hello.rps)), pgbench }));
    writeFileSync(join(root, 'docs/throughput.md'), document({ results, pgbench, explains }));
    process.stdout.write(summary(results, pgbench));
    log('wrote docs/throughput.md and docs/throughput.svg');
  } finally {
    await Promise.all(children.map(stop));
    if (!flag('keep')) await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
  }
}

function summary(results: Round[], pgbench: number | null): string {
  const lines = ['', `operation   N   req/s     p50 ms   p99 ms   ratio to its floor (measured right after)`];
  for (const r of results) {
    for (const [op, w] of Object.entries(r.ops)) {
      const floor = floorOf(r, op);
      lines.push(`${op.padEnd(10)} ${String(r.processes).padStart(2)} ${w.rps.toFixed(0).padStart(8)} ${w.p50.toFixed(1).padStart(8)} ${w.p99.toFixed(1).padStart(8)}   ${floor ? `${((100 * w.rps) / floor.rate).toFixed(0)} % of ${floor.name} (${floor.rate.toFixed(0)}/s)` : ''}`);
    }
  }
  lines.push(`pgbench ${pgbench === null ? 'n/a' : `${pgbench.toFixed(0)} tps`}`, '');
  return lines.join('\n');
}

function document(input: { results: Round[]; pgbench: number | null; explains: string }): string {
  const { results, pgbench } = input;
  const rows = results.flatMap((r) =>
    Object.entries(r.ops).map(([op, w]) => {
      const floor = floorOf(r, op);
      const refused = Object.entries(w.statuses).filter(([s]) => Number(s) >= 400).map(([s, n]) => `${s}×${n}`).join(' ');
      return `| ${op} | ${r.processes} | ${w.rps.toFixed(0)} | ${w.p50.toFixed(1)} | ${w.p99.toFixed(1)} | ${floor ? `${((100 * w.rps) / floor.rate).toFixed(0)} % of ${floor.rate.toFixed(0)}/s` : '—'} | ${refused || '—'} |`;
    }),
  );
  const floors = results.map((r) => `| after N = ${r.processes} | ${r.plain.tps.toFixed(0)} tx/s (p50 ${r.plain.p50.toFixed(1)} ms, p99 ${r.plain.p99.toFixed(1)} ms) | ${r.hello.rps.toFixed(0)} req/s (p50 ${r.hello.p50.toFixed(2)} ms, p99 ${r.hello.p99.toFixed(2)} ms) |`);
  const command = `npx tsx bench/http/run.ts ${argv.join(' ')}`.trim();
  return `# Throughput

Generated by \`${command}\` on ${new Date().toISOString().slice(0, 10)} — ${cpus().length} cores, load average
${loadavg()[0]!.toFixed(1)} at the end of the run. A load average above the core count means other work
shared the machine: absolute rates are then low and noisy; the ratios compare each operation with
floors measured right after it, under the same load.

A real deployment on this machine: PostgreSQL 15, N \`rapport serve\` processes behind nginx
(\`least_conn\`, upstream keep-alive), a demo network of ${MEMBERS.toLocaleString('en')} members
(\`rapport seed --members ${MEMBERS}\`), ${TOKENS} of them logged in (\`POST /auth/login\`) to drive the load. wrk
runs ${CONNECTIONS} connections for ${DURATION} s per row, with \`bench/http/mix.lua\`:

- **mix**: send 20 %, list received/sent 40 %, profile with degree and mutual count 30 %, accept/ignore 10 %;
- **send**: \`POST /invitations\` to a random member, with their email (so it is eligible);
- **lists**: \`GET /invitations/received?status=pending\` and \`GET /invitations/sent\`, half each;
- **profile**: \`GET /members/{id}\` of a random member (degree, mutual connections, canInvite);
- **answer**: \`POST /invitations/{id}/accept\` or \`/ignore\` on a pending invitation seeded for the member.

## Floors, measured in the same run on the same PostgreSQL

- pgbench TPC-B-like (one durable write transaction, \`pgbench -i -s 4\`, ${CONNECTIONS} clients): ${pgbench === null ? 'pgbench not installed' : `**${pgbench.toFixed(0)} tps**`}
- plain \`pg\` send: the send's own 14 statements in one committed transaction, prepared, ${CONNECTIONS} clients, no HTTP, no Rapport code;
- Fastify hello-world: the HTTP floor — same Node, same framework, nothing else, wrk direct.

| measured | plain \`pg\` send | Fastify hello-world |
|---|---|---|
${floors.join('\n')}

## Results

Ratio: send and answer against the plain \`pg\` send, lists and profile against the hello-world,
both measured right after that N's runs. "Refused" are answers ≥ 400 (a send to a member already
invited answers 409, which is correct; an answer falls back to reading the list once its share of
seeded invitations is used up).

| operation | N | req/s | p50 ms | p99 ms | ratio | refused |
|---|---|---|---|---|---|---|
${rows.join('\n')}

![throughput per operation and process count](throughput.svg)

Targets (issue 8): sends ≥ 70 % of the plain-script rate, accepts ≥ 50 %, read endpoints ≥ 30 %
of the hello-world rate, p99 under 25 ms at the load with the best throughput.

## How to run

\`\`\`sh
npx tsx bench/http/run.ts                      # quick: 10,000 members, 6 s per run, N = 1, 2, 4 (about 5 minutes)
npx tsx bench/http/run.ts --full               # 100,000 members, 20 s per run
npx tsx bench/http/run.ts --members 1000000 --processes 4   # latency against network size
\`\`\`

wrk and nginx come from Debian (\`apt-get install -y wrk nginx-light\`); the script installs them
when it runs as root and they are missing, and skips (saying so) when it cannot.

## EXPLAIN of the hot queries

On the benchmark database after the run, for the best-connected member and a member in the
middle of the id range (\`EXPLAIN (ANALYZE, BUFFERS)\`).

${input.explains}
`;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
