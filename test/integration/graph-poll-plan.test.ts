import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphPollQuery } from '../../src/graph/index-sync.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The graph index polls the outbox every 200 ms in every process, and the poll usually finds
 * nothing. Its plan must stay a lookup per change found, whatever PostgreSQL guesses about how many
 * it will find: planned as a hashed subplan, the `connected` check read the whole connections table
 * at every poll (40 ms on 100,000 connections). The generic plan of the prepared statement is the
 * one that guesses most (a third of the outbox's connection changes), so it is the one checked.
 */
describe.each(backends)('the graph index poll plan on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('looks connections up per change, never by reading them all', async () => {
    const db = t.service.ctx.db;
    await sql`
      insert into members (kind, email, email_normalized, password_hash, name, created_at)
      select 'person', 'poll' || i || '@example.com', 'poll' || i || '@example.com', 'x', 'Poll ' || i, now()
      from generate_series(1, 2000) i`.execute(db);
    await sql`
      insert into connections (member_id, other_id, created_at)
      select a.id, b.id, now() from members a join members b on b.id in (a.id + 1, a.id - 1)
      where a.email like 'poll%' and b.email like 'poll%'`.execute(db);
    await sql`
      insert into outbox (topic, payload, created_at, available_at, processed_at)
      select 'connection.created', jsonb_build_object('a', m.id, 'b', m.id + 1), now(), now(), now()
      from members m, generate_series(1, 10) k where m.email like 'poll%'`.execute(db);
    await sql`analyze`.execute(db);

    const poll = graphPollQuery('1').compile(db);
    const plan = await db.connection().execute(async (session) => {
      await sql`set plan_cache_mode = force_generic_plan`.execute(session);
      await sql.raw(`prepare graph_poll_plan_check(xid8) as ${poll.sql}`).execute(session);
      try {
        const explained = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) execute graph_poll_plan_check('1')`.execute(session);
        const json = explained.rows[0]!['QUERY PLAN'];
        return (typeof json === 'string' ? JSON.parse(json) : json) as [{ Plan: PlanNode }];
      } finally {
        await sql`deallocate graph_poll_plan_check`.execute(session);
        await sql`reset plan_cache_mode`.execute(session);
      }
    });

    const nodes = nodesOf(plan[0].Plan);
    const onConnections = nodes.filter((node) => node['Relation Name'] === 'connections');
    expect(onConnections.length).toBeGreaterThan(0);
    expect(onConnections.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(nodes.map((node) => node['Subplan Name'] ?? '').filter((name) => name.includes('hashed'))).toEqual([]);
  });
});
