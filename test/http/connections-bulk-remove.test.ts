import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../helpers/browser-session.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('removing several connections at once (POST /connections/remove), on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone' });
  });
  afterAll(() => t.close());
  let n = 0;

  /** A member connected with `count` others, and one more member they are not connected with. */
  const network = async (count: number) => {
    n++;
    const owner = await t.signUp(`Owner ${n}`);
    const connections: TestMember[] = [];
    for (let i = 0; i < count; i++) {
      const other = await t.signUp(`Contact ${n} ${i}`);
      await t.connect(owner, other);
      connections.push(other);
    }
    return { owner, connections, stranger: await t.signUp(`Stranger ${n}`) };
  };
  const connectionIds = async (member: TestMember) => (await t.call('GET', '/api/v1/connections?limit=100', member)).body.items.map((item: any) => item.member.id).sort();
  const removedEvents = async () =>
    (await t.service.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'connection.removed').execute()).map((row) =>
      typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    );

  it('removes the chosen connections and answers which, leaving the rest; ids that are not connections are listed, not refused', async () => {
    const { owner, connections, stranger } = await network(4);
    const [bob, carl, dee, eve] = connections as [TestMember, TestMember, TestMember, TestMember];
    await t.connect(bob, carl); // their own connection stays
    const eventsBefore = (await removedEvents()).length;
    const unread = async (member: TestMember) => (await t.call('GET', '/api/v1/notifications', member)).body.unreadCount;
    await t.call('POST', '/api/v1/_test/run-due');
    const bobUnread = await unread(bob);

    const answer = await t.call('POST', '/api/v1/connections/remove', owner, { memberIds: [carl.id, bob.id, stranger.id, '999999', owner.id, bob.id] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ removed: [carl.id, bob.id], notConnected: [stranger.id, '999999', owner.id] });

    expect(await connectionIds(owner)).toEqual([dee.id, eve.id].sort());
    expect(await connectionIds(bob)).toEqual([carl.id]);
    // The graph (degree on the profile) follows at once, as after a single removal.
    expect((await t.call('GET', `/api/v1/members/${bob.id}`, owner)).body.relationship.degree).not.toBe(1);
    // Each removal writes the same event as a single removal: the graph index and webhooks follow it.
    const events = (await removedEvents()).slice(eventsBefore);
    expect(events.map((e: any) => [String(e.a), String(e.b)]).sort()).toEqual([[owner.id, bob.id], [owner.id, carl.id]].sort());
    // The others are not told.
    await t.call('POST', '/api/v1/_test/run-due');
    expect(await unread(bob)).toBe(bobUnread);
    // Removed is removed: the single removal now finds no connection, and a second bulk call changes nothing.
    expect((await t.call('DELETE', `/api/v1/connections/${bob.id}`, owner)).status).toBe(404);
    expect((await t.call('POST', '/api/v1/connections/remove', owner, { memberIds: [bob.id] })).body).toEqual({ removed: [], notConnected: [bob.id] });
  });

  it('takes 1 to 100 well-formed ids, and refuses anything else with 422 before removing anything', async () => {
    const { owner, connections } = await network(1);
    for (const memberIds of [[], Array.from({ length: 101 }, (_, i) => String(i + 1)), ['abc'], ['0'], [connections[0]!.id, 'x']]) {
      const answer = await t.call('POST', '/api/v1/connections/remove', owner, { memberIds });
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('validation_failed');
    }
    expect((await t.call('POST', '/api/v1/connections/remove', owner, {})).status).toBe(422);
    expect(await connectionIds(owner)).toEqual([connections[0]!.id]);
    // 100 is allowed.
    const hundred = await t.call('POST', '/api/v1/connections/remove', owner, { memberIds: [connections[0]!.id, ...Array.from({ length: 99 }, (_, i) => String(900000 + i))] });
    expect(hundred.status).toBe(200);
    expect(hundred.body.removed).toEqual([connections[0]!.id]);
    expect(hundred.body.notConnected).toHaveLength(99);
  });

  it('works from the web app’s cookie session with the CSRF header, and needs a signed-in member', async () => {
    const { owner, connections } = await network(2);
    const browser = await browserSession(t, owner);
    const answer = await browser('POST', '/api/v1/connections/remove', { memberIds: connections.map((c) => c.id) });
    expect(answer.status).toBe(200);
    expect(answer.body.removed.sort()).toEqual(connections.map((c) => c.id).sort());
    expect(await connectionIds(owner)).toEqual([]);
    expect((await t.call('POST', '/api/v1/connections/remove', null, { memberIds: ['1'] })).status).toBe(401);
  });
});
