import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphIndex } from '../../src/graph/graph-index.js';
import { loadSuggestionExclusions } from '../../src/graph/exclusions.js';
import { createGraphIndex, GraphSync } from '../../src/graph/index-sync.js';
import {
  countMutualConnections,
  countMutualConnectionsWith,
  degreeBetween,
  listMutualConnections,
  suggestPeople,
} from '../../src/graph/sql-graph.js';
import { appendEvent } from '../../src/db/repositories/outbox.js';
import type { Db } from '../../src/db/database.js';
import { connectUnchecked, disconnect } from '../../src/db/repositories/connections.js';
import { inTransaction } from '../../src/db/transaction.js';
import { randomSource, smallWorldEdges } from '../../src/graph/generate.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

interface RandomNetwork {
  ids: number[];
  companies: Set<number>;
  random: () => number;
}

/**
 * A random heavy-tailed network written straight into the tables (Holme–Kim plus a few hubs),
 * with some companies, blocks, invitations in every state and dismissed suggestions, so that
 * every exclusion rule has cases.
 */
async function seedRandomNetwork(db: Db, options: { members: number; seed: number; now: Date }): Promise<RandomNetwork> {
  const random = randomSource(options.seed);
  const n = options.members;
  const tag = `${options.seed}.${Math.floor(random() * 1e9)}`;
  const inserted = await sql<{ id: number }>`
    insert into members (kind, email, email_normalized, password_hash, name, created_at)
    select case when g % 23 = 0 then 'company' else 'person' end, 'm' || g || '.' || ${tag} || '@graph.test',
           'm' || g || '.' || ${tag} || '@graph.test', 'x', 'Member ' || g, ${options.now}
    from generate_series(1, ${n}) g order by g
    returning id`.execute(db);
  const ids = inserted.rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  await sql`insert into member_settings (member_id) select unnest(${sql.val(ids)}::bigint[])`.execute(db);
  const companies = new Set(ids.filter((_, i) => (i + 1) % 23 === 0));

  const pairs: [number, number][] = [...smallWorldEdges(n, 3, 0.5, random)];
  // A few hubs connected to a large share of the network.
  for (let hub = 0; hub < 3; hub++) for (let k = 0; k < n / 3; k++) pairs.push([hub, Math.floor(random() * n)]);
  const left: number[] = [];
  const right: number[] = [];
  for (const [a, b] of pairs) {
    if (a === b) continue;
    left.push(ids[a]!, ids[b]!);
    right.push(ids[b]!, ids[a]!);
  }
  await sql`
    insert into connections (member_id, other_id, created_at)
    select a, b, ${options.now} from unnest(${sql.val(left)}::bigint[], ${sql.val(right)}::bigint[]) as p(a, b)
    on conflict do nothing`.execute(db);
  await sql`update members m set connection_count = c.n
    from (select member_id, count(*)::int as n from connections group by member_id) c where c.member_id = m.id`.execute(db);

  const pick = () => ids[Math.floor(random() ** 1.5 * n)]!;
  const statuses = ['pending', 'ignored', 'declined', 'reported', 'withdrawn', 'expired', 'accepted'] as const;
  for (let k = 0; k < n; k++) {
    const a = pick();
    const b = pick();
    if (a === b) continue;
    const roll = random();
    if (roll < 0.15) {
      await sql`insert into blocks (blocker_id, blocked_id, created_at) values (${a}, ${b}, ${options.now}) on conflict do nothing`.execute(db);
    } else if (roll < 0.3) {
      await sql`insert into suggestion_dismissals (member_id, dismissed_id, created_at) values (${a}, ${b}, ${options.now}) on conflict do nothing`.execute(db);
    } else {
      const status = statuses[Math.floor(random() * statuses.length)]!;
      await sql`insert into invitations (sender_id, recipient_id, status, created_at, last_sent_at)
        values (${a}, ${b}, ${status}, ${options.now}, ${options.now}) on conflict do nothing`.execute(db);
    }
  }
  return { ids, companies, random };
}

/** Connects or disconnects a pair as the use cases do: rows, counts and the outbox event in one transaction. */
async function changeConnection(db: Db, a: number, b: number, connected: boolean, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (connected) {
      const outcome = await connectUnchecked(trx, a, b, now);
      if (outcome === 'connected') await appendEvent(trx, 'connection.created', { a, b }, now);
    } else if (await disconnect(trx, a, b)) {
      await appendEvent(trx, 'connection.removed', { a, b }, now);
    }
  });
}

/** Every query of the index against its SQL version, on random pairs (hubs more often). */
async function expectIndexMatchesSql(t: TestApp, index: GraphIndex, network: RandomNetwork, pairs: number, viewers: number) {
  const db = t.service.ctx.db;
  const { ids, random } = network;
  const pick = () => ids[Math.floor(random() ** 2 * ids.length)]!;
  for (let k = 0; k < pairs; k++) {
    const a = pick();
    const b = k % 3 === 0 ? pick() : ids[Math.floor(random() * ids.length)]!;
    if (a === b) continue; // the SQL count answers a's own connections there; the index 0, as profiles show
    expect(index.degree(a, b), `degree(${a}, ${b})`).toBe(await degreeBetween(db, a, b));
    expect(index.mutualCount(a, b), `mutual(${a}, ${b})`).toBe(await countMutualConnections(db, a, b));
    expect(index.mutualList(a, b, 5, 0), `mutual list(${a}, ${b})`).toEqual(await listMutualConnections(db, a, b, 5, 0));
    expect(index.mutualList(a, b, 3, 4), `mutual list page 2 (${a}, ${b})`).toEqual(await listMutualConnections(db, a, b, 3, 4));
  }
  for (let k = 0; k < viewers; k++) {
    const viewer = pick();
    const exclude = await loadSuggestionExclusions(db, viewer);
    expect(index.suggest(viewer, { limit: 10, exclude }), `suggestions for ${viewer}`).toEqual(await suggestPeople(db, viewer, 10, 0));
    expect(index.suggest(viewer, { limit: 5, offset: 10, exclude })).toEqual(await suggestPeople(db, viewer, 5, 10));
    const others = Array.from({ length: 8 }, pick).filter((id) => id !== viewer);
    expect(index.mutualCounts(viewer, others)).toEqual(await countMutualConnectionsWith(db, viewer, others));
  }
  const counted = await sql<{ n: number }>`select count(*)::int as n from connections`.execute(db);
  expect(index.directedEdgeCount).toBe(counted.rows[0]!.n);
}

describe.each(backends)('graph index ≡ SQL on %s', (backend) => {
  let t: TestApp;
  let network: RandomNetwork;
  let index: GraphIndex;
  let sync: GraphSync;

  beforeAll(async () => {
    t = await createTestApp(backend);
    network = await seedRandomNetwork(t.service.ctx.db, { members: 400, seed: 20260501, now: t.clock.now() });
    const built = await createGraphIndex(t.service.ctx.db, { batchSize: 997 });
    index = built.index;
    sync = new GraphSync(t.service.ctx.db, index, built.floor, { compact: false });
  });
  afterAll(async () => {
    await sync?.stop();
    await t?.close();
  });

  it('answers degree, mutual count, mutual list and suggestions exactly as SQL does', async () => {
    expect(index.memberCount).toBe(400);
    await expectIndexMatchesSql(t, index, network, 300, 40);
  });

  it('follows connections made and removed afterwards, through the outbox, before and after merging them in', async () => {
    const { ids, random } = network;
    const pick = () => ids[Math.floor(random() ** 1.5 * ids.length)]!;
    for (let k = 0; k < 150; k++) {
      const a = pick();
      const b = pick();
      if (a === b || network.companies.has(a) || network.companies.has(b)) continue;
      await changeConnection(t.service.ctx.db, a, b, random() < 0.55, t.clock.now());
    }
    await sync.catchUp();
    expect(index.overlayMembers).toBeGreaterThan(0);
    await expectIndexMatchesSql(t, index, network, 200, 25);
    await index.compactNow();
    expect(index.overlayMembers).toBe(0);
    await expectIndexMatchesSql(t, index, network, 100, 10);
    expect(sync.stats().eventsApplied).toBeGreaterThan(50);
  });

  it('converges whatever order events arrive in: state is read from the same snapshot, not replayed', async () => {
    const people = network.ids.filter((id) => !network.companies.has(id));
    const a = people[10]!;
    const b = people.find((id) => id !== a && !index.areConnected(a, id))!;
    // An event whose pair is not connected (a connect that was then undone in the same poll window).
    await t.service.ctx.db.transaction().execute((trx) => appendEvent(trx, 'connection.created', { a, b }, t.clock.now()));
    await changeConnection(t.service.ctx.db, a, b, true, t.clock.now());
    await changeConnection(t.service.ctx.db, a, b, false, t.clock.now());
    await sync.catchUp();
    expect(index.areConnected(a, b)).toBe(false);
    await changeConnection(t.service.ctx.db, a, b, true, t.clock.now());
    await sync.catchUp();
    expect(index.areConnected(a, b)).toBe(true);
    expect(index.connectionCount(a)).toBe((await t.service.ctx.db.selectFrom('members').select('connection_count').where('id', '=', a).executeTakeFirstOrThrow()).connection_count);
  });

  it.skipIf(backend !== 'postgres')('does not lose an event whose transaction commits after a later one was read', async () => {
    const db = t.service.ctx.db;
    const people = network.ids.filter((id) => !network.companies.has(id)).slice(-60);
    const pairs = people.flatMap((x, i) => people.slice(i + 1).map((y) => [x, y] as const)).filter(([x, y]) => !index.areConnected(x, y));
    const [a, b] = pairs[0]!;
    const [c, d] = pairs.find(([x, y]) => ![a, b].includes(x) && ![a, b].includes(y))!;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    // T1 takes the lower outbox id, then waits before committing.
    const slow = db.transaction().execute(async (trx) => {
      await sql`insert into connections (member_id, other_id, created_at) values (${a}, ${b}, now()), (${b}, ${a}, now()) on conflict do nothing`.execute(trx);
      await appendEvent(trx, 'connection.created', { a, b }, t.clock.now());
      inserted();
      await gate;
    });
    await insertedSignal;
    // T2 takes a higher id and commits at once; the index sees it.
    await changeConnection(db, c, d, true, t.clock.now());
    await sync.catchUp();
    expect(index.areConnected(c, d)).toBe(true);
    expect(index.areConnected(a, b)).toBe(false);
    release();
    await slow;
    await sync.catchUp();
    expect(index.areConnected(a, b)).toBe(true);
  });
});
