import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSync, type GraphHandle } from '../../src/graph/registry.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';
import type { Db } from '../../src/db/database.js';
import { connectUnchecked } from '../../src/db/repositories/connections.js';
import { appendEvent } from '../../src/db/repositories/outbox.js';
import { inTransaction } from '../../src/db/transaction.js';

/** A connection the API would refuse (a company page), written as the use cases write one: rows, counts, event. */
async function forceConnection(db: Db, a: number, b: number, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    if ((await connectUnchecked(trx, a, b, now)) === 'connected') await appendEvent(trx, 'connection.created', { a, b }, now);
  });
}

type Mode = 'index' | 'sql';
const modes: [string, Mode][] = backends.flatMap((backend) => [
  [backend, 'index'],
  [backend, 'sql'],
] as [string, Mode][]);

const names = (body: any) => body.items.map((item: any) => item.member.name);

/**
 * People you may know through the HTTP API, with the in-memory index (kept fresh from the outbox)
 * and without one (SQL): the same answers either way.
 */
describe.each(modes)('suggestions on %s from %s', (backend, mode) => {
  let t: TestApp;
  let graph: GraphHandle | undefined;
  const m: Record<string, TestMember> = {};

  beforeAll(async () => {
    t = await createTestApp(backend as TestApp['backend'], {}, { RAPPORT_GRAPH_INDEX: mode === 'index' ? 'on' : 'off' });
    if (mode === 'index') graph = await startGraphSync(t.service.ctx);
    for (const name of ['Vera', 'Bob', 'Cid', 'Dot', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kim', 'Lea', 'Max', 'Ned', 'Pam', 'Wes']) {
      m[name] = await t.signUp(`${name} Test`);
    }
    const { Vera, Bob, Cid, Dot, Eve, Fay, Gus, Hal, Ivy, Jon, Kim, Lea, Max, Ned, Pam, Wes } = m as Record<string, TestMember>;
    for (const friend of [Bob, Cid, Dot]) await t.connect(Vera!, friend!);
    // Friends of friends: Gus through 3, Eve through 2, Fay through 1 — and one each for the exclusions.
    for (const [a, b] of [
      [Bob, Gus], [Cid, Gus], [Dot, Gus], [Bob, Eve], [Cid, Eve], [Bob, Fay],
      [Bob, Hal], [Cid, Ivy], [Bob, Jon], [Cid, Kim], [Dot, Lea], [Dot, Max], [Bob, Ned], [Dot, Wes], [Pam, Gus],
    ] as [TestMember, TestMember][]) {
      await t.connect(a, b);
    }
    const invite = (from: TestMember, to: TestMember) => t.call('POST', '/api/v1/invitations', from, { recipientId: to.id, email: to.email });
    expect((await invite(Vera!, Hal!)).status).toBe(201); // pending, sent by the viewer
    expect((await invite(Ivy!, Vera!)).status).toBe(201); // pending, received by the viewer
    expect((await t.call('POST', '/api/v1/blocks', Vera, { memberId: Jon!.id })).status).toBe(204); // the viewer blocked Jon
    expect((await t.call('POST', '/api/v1/blocks', Kim, { memberId: Vera!.id })).status).toBe(204); // Kim blocked the viewer
    const toLea = await invite(Vera!, Lea!);
    expect((await t.call('POST', `/api/v1/invitations/${toLea.body.invitation.id}/decline`, Lea)).status).toBe(200); // Lea declined
    const fromMax = await invite(Max!, Vera!);
    expect((await t.call('POST', `/api/v1/invitations/${fromMax.body.invitation.id}/report`, Vera, { reason: 'spam' })).status).toBe(200); // reported
    const toWes = await invite(Vera!, Wes!);
    expect((await t.call('POST', `/api/v1/invitations/${toWes.body.invitation.id}/withdraw`, Vera)).status).toBe(200); // withdrawn: still suggested
    expect((await t.call('POST', `/api/v1/suggestions/${Ned!.id}/dismiss`, Vera)).status).toBe(204);
    // A company page cannot connect through the API; one that got connections anyway is never suggested.
    const acme = await t.signUp('Acme Corp', { kind: 'company' });
    await forceConnection(t.service.ctx.db, Number(Bob!.id), Number(acme.id), t.clock.now());
    await forceConnection(t.service.ctx.db, Number(Cid!.id), Number(acme.id), t.clock.now());
    // Shared context shows in the reasons.
    await t.call('POST', '/api/v1/me/positions', Vera, { company: 'Northwind', title: 'Engineer' });
    await t.call('POST', '/api/v1/me/positions', Eve, { company: 'Northwind', title: 'Designer' });
    await t.call('POST', '/api/v1/me/groups', Vera, { name: 'Rust Guild' });
    await t.call('POST', '/api/v1/me/groups', Gus, { name: 'Rust Guild' });
  });
  afterAll(async () => {
    await graph?.stop();
    await t?.close();
  });

  it('ranks by mutual connections plus a shared company, school or group, and says why', async () => {
    const answer = await t.call('GET', '/api/v1/suggestions', m.Vera);
    expect(answer.status).toBe(200);
    // Default weights: a mutual connection 1, a shared company 4, a group 1. Eve 2 + 4, Gus 3 + 1.
    expect(names(answer.body)).toEqual(['Eve Test', 'Gus Test', 'Fay Test', 'Wes Test']);
    expect(answer.body.items[0]).toMatchObject({
      member: { id: m.Eve!.id, name: 'Eve Test' },
      mutualConnections: 2,
      degree: 2,
      reasons: ['2 mutual connections', 'Also worked at Northwind'],
    });
    expect(answer.body.items[1].reasons).toEqual(['3 mutual connections', 'Also a member of Rust Guild']);
    expect(answer.body.items[2].reasons).toEqual(['1 mutual connection']);
    expect(answer.body.nextCursor).toBeNull();
  });

  it('never suggests yourself, your connections, companies, blocks either way, open, declined or reported invitations either way, or dismissed members', async () => {
    const answer = await t.call('GET', '/api/v1/suggestions?limit=100', m.Vera);
    const shown = new Set(names(answer.body));
    for (const hidden of ['Vera', 'Bob', 'Cid', 'Dot', 'Hal', 'Ivy', 'Jon', 'Kim', 'Lea', 'Max', 'Ned']) expect(shown.has(`${hidden} Test`), hidden).toBe(false);
    expect(shown.has('Acme Corp')).toBe(false);
    // Exclusions hold the other way too: Lea declined the viewer, Max was reported by her, Kim is blocked.
    for (const [viewer, hidden] of [['Lea', 'Vera'], ['Max', 'Vera'], ['Jon', 'Vera']] as const) {
      const other = await t.call('GET', '/api/v1/suggestions?limit=100', m[viewer]);
      expect(names(other.body), `${viewer} must not see ${hidden}`).not.toContain(`${hidden} Test`);
    }
  });

  it('pages with a cursor', async () => {
    const first = await t.call('GET', '/api/v1/suggestions?limit=2', m.Vera);
    expect(names(first.body)).toEqual(['Eve Test', 'Gus Test']);
    const second = await t.call('GET', `/api/v1/suggestions?limit=2&cursor=${first.body.nextCursor}`, m.Vera);
    expect(names(second.body)).toEqual(['Fay Test', 'Wes Test']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('dismisses a suggestion for good; refuses yourself and members you cannot see', async () => {
    expect((await t.call('POST', `/api/v1/suggestions/${m.Fay!.id}/dismiss`, m.Vera)).status).toBe(204);
    expect((await t.call('POST', `/api/v1/suggestions/${m.Fay!.id}/dismiss`, m.Vera)).status).toBe(204);
    expect(names((await t.call('GET', '/api/v1/suggestions', m.Vera)).body)).toEqual(['Eve Test', 'Gus Test', 'Wes Test']);
    const self = await t.call('POST', `/api/v1/suggestions/${m.Vera!.id}/dismiss`, m.Vera);
    expect([self.status, self.body.code]).toEqual([422, 'validation_failed']);
    expect((await t.call('POST', `/api/v1/suggestions/${m.Kim!.id}/dismiss`, m.Vera)).status).toBe(404);
    expect((await t.call('POST', '/api/v1/suggestions/999999/dismiss', m.Vera)).status).toBe(404);
    expect((await t.call('GET', '/api/v1/suggestions', null)).status).toBe(401);
  });

  it('reflects a new connection at once for the member who made it', async () => {
    await t.connect(m.Vera!, m.Pam!); // Pam knows Gus: Gus now has 4 mutuals, Pam is no longer a suggestion
    const answer = await t.call('GET', '/api/v1/suggestions', m.Vera);
    expect(answer.body.items.find((item: any) => item.member.name === 'Gus Test')).toMatchObject({ mutualConnections: 4 });
    expect(names(answer.body)).not.toContain('Pam Test');
    const profile = await t.call('GET', `/api/v1/members/${m.Gus!.id}`, m.Vera);
    expect(profile.body.relationship).toMatchObject({ degree: 2, mutualConnections: 4 });
    await t.call('DELETE', `/api/v1/connections/${m.Pam!.id}`, m.Vera);
    const after = await t.call('GET', `/api/v1/members/${m.Gus!.id}`, m.Vera);
    expect(after.body.relationship).toMatchObject({ degree: 2, mutualConnections: 3 });
    if (mode === 'index') expect(graph!.sync.stats().eventsApplied).toBeGreaterThan(0);
  });
});
