import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { issueToken } from '../../src/db/repositories/tokens.js';
import { DAY_MS } from '../../src/domain/clock.js';
import { createDatabaseFrom, databaseUrlFor, dropDatabase } from '../helpers/postgres.js';
import { startServer, type RunningServer } from '../helpers/spawn-server.js';

/**
 * Faults an operator meets: a server process killed with SIGKILL in the middle of a burst of
 * sends (two processes on one PostgreSQL database, the client retrying with its Idempotency-Key
 * on the survivor), and — opt-in, because it disrupts everything else using this PostgreSQL —
 * the database restarting under load (RAPPORT_FAULTS_PG_RESTART=1).
 */

const base = process.env.DATABASE_URL;
const SENDERS = 4;
const RECIPIENTS_PER_SENDER = 50;
const CONCURRENCY = 8;
const KILL_AFTER_ACKS = 50;
/** How long a client keeps retrying one request before it gives up on it. */
const RETRY_DEADLINE_MS = 12_000;

interface Seeded {
  senders: { id: number; token: string }[];
  recipients: number[][];
}

async function seed(database: Database, senders: number, perSender: number): Promise<Seeded> {
  const now = new Date();
  const insert = async (prefix: string, count: number) => {
    const rows = await database.db
      .insertInto('members')
      .values(Array.from({ length: count }, (_, i) => ({ kind: 'person' as const, email: `${prefix}${i}@example.com`, email_normalized: `${prefix}${i}@example.com`, password_hash: 'x', name: `${prefix} ${i}`, created_at: now, manager_id: null, restricted_at: null, restriction_ends_at: null, last_lift_at: null })))
      .returning('id')
      .execute();
    await database.db.insertInto('member_settings').values(rows.map((r) => ({ member_id: r.id, auto_withdraw_after_days: null }))).execute();
    return rows.map((r) => Number(r.id));
  };
  const senderIds = await insert('sender', senders);
  const result: Seeded = { senders: [], recipients: [] };
  for (const [i, id] of senderIds.entries()) {
    const issued = await issueToken(database.db, id, 'bearer', now, 30 * DAY_MS);
    result.senders.push({ id, token: issued.token });
    result.recipients.push(await insert(`recipient${i}-`, perSender));
  }
  return result;
}

const policy = JSON.stringify({ eligibility: 'anyone', monthlyLimit: 100_000, lifetimeAllotment: 100_000, captchaAfterPerDay: 100_000 });

type Outcome = { kind: 'ack'; invitationId: string; attempts: number; replayed: boolean } | { kind: 'refused'; status: number; code: string; attempts: number } | { kind: 'gave_up'; last: string; attempts: number };

describe.skipIf(!base)('a server killed in the middle of a burst of sends (PostgreSQL, two processes)', () => {
  let name: string;
  let database: Database;
  let servers: RunningServer[] = [];
  let seeded: Seeded;
  const outcomes = new Map<string, { sender: number; recipient: number; outcome: Outcome }>();
  let killedAt = 0;
  let seconds = 0;

  beforeAll(async () => {
    name = await createDatabaseFrom(base!, inject('postgresTemplate')!);
    const url = databaseUrlFor(base!, name);
    database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    seeded = await seed(database, SENDERS, RECIPIENTS_PER_SENDER);
    servers = await Promise.all([0, 1].map(() => startServer({ DATABASE_URL: url, RAPPORT_POLICY: policy })));
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) await server.stop('SIGKILL');
    await database?.close();
    if (name) await dropDatabase(base!, name);
  });

  it('runs a burst of sends and kills one server with SIGKILL in the middle', async () => {
    const started = Date.now();
    const alive = new Set([0, 1]);
    let acks = 0;
    const jobs: { key: string; sender: number; recipient: number }[] = [];
    for (let r = 0; r < RECIPIENTS_PER_SENDER; r++) {
      for (let s = 0; s < SENDERS; s++) jobs.push({ key: `burst-${s}-${r}`, sender: s, recipient: seeded.recipients[s]![r]! });
    }

    const attempt = async (server: number, job: (typeof jobs)[number]): Promise<{ status: number; body: any } | { error: string }> => {
      try {
        const response = await fetch(`${servers[server]!.url}/api/v1/invitations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${seeded.senders[job.sender]!.token}`, 'idempotency-key': job.key },
          body: JSON.stringify({ recipientId: String(job.recipient), note: 'Met at the operators meetup' }),
          signal: AbortSignal.timeout(10_000),
        });
        return { status: response.status, body: await response.json().catch(() => null) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };

    const run = async (job: (typeof jobs)[number], index: number): Promise<Outcome> => {
      const deadline = Date.now() + RETRY_DEADLINE_MS;
      let server = index % 2;
      let attempts = 0;
      let last = '';
      for (;;) {
        if (!alive.has(server)) server = [...alive][0]!;
        attempts++;
        const answer = await attempt(server, job);
        if ('status' in answer && answer.status === 201) {
          acks++;
          return { kind: 'ack', invitationId: answer.body.invitation.id, attempts, replayed: attempts > 1 };
        }
        if ('status' in answer && answer.status < 500 && !(answer.status === 409 && answer.body?.code === 'idempotency_in_progress')) {
          return { kind: 'refused', status: answer.status, code: answer.body?.code, attempts };
        }
        last = 'error' in answer ? answer.error : `${answer.status} ${answer.body?.code}`;
        if (Date.now() > deadline) return { kind: 'gave_up', last, attempts };
        // Retry (same key, same body) on the other server, after a short pause.
        server = (server + 1) % 2;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    };

    let next = 0;
    const killer = (async () => {
      while (acks < KILL_AFTER_ACKS) await new Promise((resolve) => setTimeout(resolve, 5));
      alive.delete(0);
      servers[0]!.process.kill('SIGKILL');
      killedAt = Date.now() - started;
    })();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          const index = next++;
          const job = jobs[index]!;
          outcomes.set(job.key, { sender: job.sender, recipient: job.recipient, outcome: await run(job, index) });
        }
      }),
    );
    await killer;
    seconds = (Date.now() - started) / 1000;
    const tally = new Map<string, number>();
    for (const { outcome } of outcomes.values()) {
      const label = outcome.kind === 'ack' ? (outcome.replayed ? 'ack after a retry' : 'ack') : outcome.kind === 'refused' ? `refused ${outcome.status} ${outcome.code}` : `gave up (${outcome.last})`;
      tally.set(label, (tally.get(label) ?? 0) + 1);
    }
    console.log(`faults: ${jobs.length} sends, ${CONCURRENCY} at a time, server 0 killed after ${KILL_AFTER_ACKS} acknowledgements (${(killedAt / 1000).toFixed(1)} s); ${seconds.toFixed(1)} s in all; ${[...tally.entries()].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    expect(outcomes.size).toBe(jobs.length);
    expect(servers[0]!.process.exitCode === null && servers[0]!.process.signalCode === null).toBe(false);
  }, 300_000);

  it('every acknowledged send exists exactly once, and nothing was sent twice', async () => {
    const rows = await sql<{ id: number; sender_id: number; recipient_id: number }>`
      select id, sender_id, recipient_id from invitations where sender_id in (${sql.join(seeded.senders.map((s) => s.id))})`.execute(database.db);
    const byPair = new Map<string, number[]>();
    for (const row of rows.rows) {
      const key = `${row.sender_id}>${row.recipient_id}`;
      byPair.set(key, [...(byPair.get(key) ?? []), Number(row.id)]);
    }
    const duplicated = [...byPair.entries()].filter(([, ids]) => ids.length > 1);
    expect(duplicated).toEqual([]);
    const problems: string[] = [];
    for (const [key, { sender, recipient, outcome }] of outcomes) {
      const ids = byPair.get(`${seeded.senders[sender]!.id}>${recipient}`) ?? [];
      if (outcome.kind === 'ack' && (ids.length !== 1 || String(ids[0]) !== outcome.invitationId)) problems.push(`${key}: acknowledged as ${outcome.invitationId}, rows ${JSON.stringify(ids)}`);
      if (outcome.kind === 'refused' && ids.length !== 0) problems.push(`${key}: refused (${outcome.status} ${outcome.code}) but the invitation exists: the refusal hides a send that happened`);
    }
    expect(problems).toEqual([]);
  });

  it('a send cut short by the kill can be retried to a definite answer with its Idempotency-Key', async () => {
    const rows = await sql<{ sender_id: number; recipient_id: number }>`
      select sender_id, recipient_id from invitations where sender_id in (${sql.join(seeded.senders.map((s) => s.id))})`.execute(database.db);
    const sent = new Set(rows.rows.map((row) => `${row.sender_id}>${row.recipient_id}`));
    const stuck = [...outcomes.entries()]
      .filter(([, o]) => o.outcome.kind === 'gave_up')
      .map(([key, o]) => `${key}: still "${(o.outcome as { last: string }).last}" after ${RETRY_DEADLINE_MS / 1000} s of retries; the invitation ${sent.has(`${seeded.senders[o.sender]!.id}>${o.recipient}`) ? 'was' : 'was not'} created`);
    expect(stuck).toEqual([]);
  });
});

const restartOptIn = process.env.RAPPORT_FAULTS_PG_RESTART === '1';

describe.skipIf(!base || !restartOptIn)('PostgreSQL restarting under load (opt-in: RAPPORT_FAULTS_PG_RESTART=1)', () => {
  let name: string;
  let url: string;
  let servers: RunningServer[] = [];
  let seeded: Seeded;

  const cluster = (action: 'stop' | 'start' | 'restart') => {
    const version = process.env.RAPPORT_PG_VERSION ?? '15';
    const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, process.env.RAPPORT_PG_CLUSTER ?? 'main', action], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pg_ctlcluster ${action}: ${result.stderr}`);
  };

  beforeAll(async () => {
    name = await createDatabaseFrom(base!, inject('postgresTemplate')!);
    url = databaseUrlFor(base!, name);
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    seeded = await seed(database, 2, 100);
    await database.close();
    servers = await Promise.all([0, 1].map(() => startServer({ DATABASE_URL: url, RAPPORT_POLICY: policy })));
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) await server.stop('SIGKILL');
    if (name) await dropDatabase(base!, name).catch(() => {});
  });

  it('answers clean 503s while the database is down and recovers by itself when it is back', async () => {
    const answers: { phase: 'before' | 'down' | 'after'; status: number; type: string; code?: string }[] = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    let stop = false;
    const acknowledged: string[] = [];
    let n = 0;
    const load = Array.from({ length: 4 }, async (_, worker) => {
      while (!stop) {
        const i = n++;
        const s = i % 2;
        const send = i % 3 === 0 && i / 3 < 100;
        // A request belongs to the phase it started in: one already answered by the database when it
        // stopped is a success, not an unclean answer of the outage.
        const startedIn = phase;
        try {
          const response = await fetch(`${servers[worker % 2]!.url}/api/v1/${send ? 'invitations' : 'me'}`, {
            method: send ? 'POST' : 'GET',
            headers: { authorization: `Bearer ${seeded.senders[s]!.token}`, ...(send ? { 'content-type': 'application/json' } : {}) },
            ...(send ? { body: JSON.stringify({ recipientId: String(seeded.recipients[s]![Math.floor(i / 3)]!) }) } : {}),
            signal: AbortSignal.timeout(15_000),
          });
          const body = (await response.json().catch(() => null)) as { code?: string; invitation?: { id: string } } | null;
          answers.push({ phase: startedIn, status: response.status, type: response.headers.get('content-type') ?? '', ...(body?.code ? { code: body.code } : {}) });
          if (send && response.status === 201) acknowledged.push(body!.invitation!.id);
        } catch (error) {
          answers.push({ phase: startedIn, status: 0, type: (error as Error).message });
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    phase = 'down';
    cluster('stop');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    cluster('start');
    const back = Date.now();
    phase = 'after';
    let recoveredAfterMs: number | null = null;
    while (Date.now() - back < 60_000) {
      const recent = answers.filter((a) => a.phase === 'after').slice(-8);
      if (recent.length >= 8 && recent.every((a) => a.status < 500 && a.status !== 0)) {
        recoveredAfterMs = Date.now() - back;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    stop = true;
    await Promise.all(load);

    const down = answers.filter((a) => a.phase === 'down');
    const unclean = down.filter((a) => a.status !== 503 || !a.type.startsWith('application/problem+json') || a.code !== 'service_unavailable');
    const summary = (list: typeof answers) => [...list.reduce((m, a) => m.set(`${a.status} ${a.code ?? a.type}`, (m.get(`${a.status} ${a.code ?? a.type}`) ?? 0) + 1), new Map<string, number>())].map(([k, v]) => `${k}×${v}`).join(', ');
    console.log(`PostgreSQL restart: before ${summary(answers.filter((a) => a.phase === 'before'))}; down ${summary(down)}; after ${summary(answers.filter((a) => a.phase === 'after'))}; recovered ${recoveredAfterMs === null ? 'never' : `${recoveredAfterMs} ms`} after the database was back`);
    expect(down.length).toBeGreaterThan(0);
    expect(unclean.map((a) => `${a.status} ${a.code ?? a.type}`)).toEqual([]);
    expect(recoveredAfterMs).not.toBeNull();

    const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    const rows = await database.db.selectFrom('invitations').select('id').where('id', 'in', acknowledged.length ? acknowledged.map(Number) : [0]).execute();
    await database.close();
    expect(rows.length).toBe(acknowledged.length);
  }, 180_000);
});
