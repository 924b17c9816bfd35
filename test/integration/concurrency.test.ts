import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

/** Many requests at once through one service: on PostgreSQL they really run in parallel transactions. */
describe.each(backends)('exact under concurrency on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone', monthlyLimit: 10, reportRestrictThreshold: 2, lowAcceptance: null });
  });
  afterAll(() => t.close());

  const many = (prefix: string, count: number) => Promise.all(Array.from({ length: count }, (_, i) => t.signUp(`${prefix} ${i}`)));
  const noServerErrors = (statuses: number[]) => expect(statuses.filter((s) => s >= 500)).toEqual([]);

  it('64 parallel sends at limit - 1: exactly one succeeds', async () => {
    const [sender] = await many('Quota Racer', 1);
    const warmup = await many('Warmup Target', 9);
    for (const target of warmup) expect((await t.call('POST', '/api/v1/invitations', sender!, { recipientId: target.id })).status).toBe(201);
    const targets = await many('Race Target', 64);
    const answers = await Promise.all(targets.map((target) => t.call('POST', '/api/v1/invitations', sender!, { recipientId: target.id })));
    const statuses = answers.map((a) => a.status);
    noServerErrors(statuses);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(63);
    const count = await sql<{ n: number }>`select count(*)::int as n from invitations where sender_id = ${Number(sender!.id)}`.execute(t.service.ctx.db);
    expect(count.rows[0]!.n).toBe(10);
  });

  it('8 parallel accepts of one invitation make one connection', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await many(`Accept Racer ${round}`, 2);
      const sent = await t.call('POST', '/api/v1/invitations', a!, { recipientId: b!.id });
      const answers = await Promise.all(Array.from({ length: 8 }, () => t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/accept`, b!)));
      const statuses = answers.map((x) => x.status);
      noServerErrors(statuses);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(7);
      const rows = await sql<{ n: number }>`select count(*)::int as n from connections where member_id in (${Number(a!.id)}, ${Number(b!.id)})`.execute(t.service.ctx.db);
      expect(rows.rows[0]!.n).toBe(2);
      const counts = await sql<{ connection_count: number }>`select connection_count from members where id in (${Number(a!.id)}, ${Number(b!.id)})`.execute(t.service.ctx.db);
      expect(counts.rows.map((r) => r.connection_count)).toEqual([1, 1]);
    }
  });

  it('crossing invitations sent at once connect the two or leave exactly one pending, never two', async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = await many(`Crossing ${round}`, 2);
      const answers = await Promise.all([
        t.call('POST', '/api/v1/invitations', a!, { recipientId: b!.id }),
        t.call('POST', '/api/v1/invitations', b!, { recipientId: a!.id }),
      ]);
      noServerErrors(answers.map((x) => x.status));
      expect(answers.map((x) => x.status).sort()).toEqual([200, 201]);
      const pending = await sql<{ n: number }>`
        select count(*)::int as n from invitations
        where status = 'pending' and sender_id in (${Number(a!.id)}, ${Number(b!.id)})`.execute(t.service.ctx.db);
      expect(pending.rows[0]!.n).toBe(0);
      const connected = await t.call('GET', `/api/v1/members/${b!.id}`, a!);
      expect(connected.body.relationship.degree).toBe(1);
    }
  });

  it('accept racing withdraw: one wins and the rows agree with it', async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = await many(`Withdraw Racer ${round}`, 2);
      const sent = await t.call('POST', '/api/v1/invitations', a!, { recipientId: b!.id });
      const id = sent.body.invitation.id;
      const [accept, withdraw] = await Promise.all([
        t.call('POST', `/api/v1/invitations/${id}/accept`, b!),
        t.call('POST', `/api/v1/invitations/${id}/withdraw`, a!),
      ]);
      noServerErrors([accept.status, withdraw.status]);
      expect([accept.status, withdraw.status].filter((s) => s === 200)).toHaveLength(1);
      const row = await t.service.ctx.db.selectFrom('invitations').select('status').where('id', '=', Number(id)).executeTakeFirstOrThrow();
      const links = await sql<{ n: number }>`select count(*)::int as n from connections where member_id = ${Number(a!.id)}`.execute(t.service.ctx.db);
      expect(row.status).toBe(accept.status === 200 ? 'accepted' : 'withdrawn');
      expect(links.rows[0]!.n).toBe(accept.status === 200 ? 1 : 0);
    }
  });

  it('two reports landing at the threshold restrict once', async () => {
    const [sender] = await many('Reported Racer', 1);
    const reporters = await many('Parallel Reporter', 2);
    const ids: string[] = [];
    for (const reporter of reporters) ids.push((await t.call('POST', '/api/v1/invitations', sender!, { recipientId: reporter.id })).body.invitation.id);
    const answers = await Promise.all(reporters.map((reporter, i) => t.call('POST', `/api/v1/invitations/${ids[i]}/report`, reporter, { reason: 'spam' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const events = await sql<{ n: number }>`
      select count(*)::int as n from outbox where topic = 'member.restricted' and (payload->>'memberId')::bigint = ${Number(sender!.id)}`.execute(t.service.ctx.db);
    expect(events.rows[0]!.n).toBe(1);
    const member = await t.service.ctx.db.selectFrom('members').select('restriction_count').where('id', '=', Number(sender!.id)).executeTakeFirstOrThrow();
    expect(member.restriction_count).toBe(1);
  });

  it('parallel sends to the same member leave one pending invitation', async () => {
    const [a, b] = await many('Duplicate Sender', 2);
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.call('POST', '/api/v1/invitations', a!, { recipientId: b!.id })));
    noServerErrors(answers.map((x) => x.status));
    expect(answers.filter((x) => x.status === 201)).toHaveLength(1);
    expect(answers.filter((x) => x.status === 409).every((x) => x.body.code === 'invitation_pending')).toBe(true);
  });
});

