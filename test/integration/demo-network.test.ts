import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyDays, seedDemoLife } from '../../src/cli/demo-life.js';
import { DEMO_EMAIL, DEMO_PASSWORD, seedNetwork } from '../../src/cli/seed.js';
import { addDays } from '../../src/domain/clock.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/** `npm start`'s demo network, as `serve --demo` seeds it, read through the API as the demo member. */
async function demoApp(backend: (typeof backends)[number]): Promise<{ t: TestApp; demo: TestMember; seconds: number }> {
  // The seeded connections skip the outbox: the routes answer from SQL here, as `serve` builds its index after seeding.
  const t = await createTestApp(backend, {}, { RAPPORT_GRAPH_INDEX: 'off' });
  const started = Date.now();
  const now = t.clock.now();
  await seedNetwork(t.service.ctx.db, { members: 200, quiet: true, now: addDays(now, -historyDays(t.service.ctx)) });
  await seedDemoLife(t.service.ctx, { now });
  const seconds = (Date.now() - started) / 1000;
  const login = await t.call('POST', '/api/v1/auth/login', null, { email: DEMO_EMAIL, password: DEMO_PASSWORD });
  expect(login.status).toBe(200);
  return { t, demo: { id: login.body.member.id, token: login.body.token, email: DEMO_EMAIL, name: 'Dana Demo' }, seconds };
}

describe.each(backends)('the demo network on %s', (backend) => {
  let t: TestApp;
  let demo: TestMember;
  beforeAll(async () => {
    ({ t, demo } = await demoApp(backend));
  });
  afterAll(async () => t?.close());

  it('has a dozen invitations to answer, from 2nd and 3rd degree, with and without notes, one from a stranger', async () => {
    const received = await t.call('GET', '/api/v1/invitations/received?status=pending&limit=50', demo);
    expect(received.status).toBe(200);
    const items = received.body.items as { sender: { id: string }; note: string | null; howWeMet: string | null }[];
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.some((item) => item.note === null)).toBe(true);
    expect(items.some((item) => item.note !== null && item.howWeMet !== null)).toBe(true);
    const relationships = await Promise.all(items.map(async (item) => (await t.call('GET', `/api/v1/members/${item.sender.id}`, demo)).body.relationship));
    const degrees = relationships.map((relationship) => relationship.degree);
    expect(degrees).toContain(2);
    expect(degrees).toContain(3);
    // 2nd degree means mutual connections, through the demo member's own connections.
    expect(relationships.filter((r) => r.degree === 2).every((r) => r.mutualConnections > 0)).toBe(true);
    expect(relationships.some((r) => r.degree === null && r.mutualConnections === 0)).toBe(true);
  });

  it('has unread notifications', async () => {
    const notifications = await t.call('GET', '/api/v1/notifications?limit=50', demo);
    expect(notifications.status).toBe(200);
    expect(notifications.body.unreadCount).toBeGreaterThan(0);
    const kinds = new Set((notifications.body.items as { kind: string }[]).map((item) => item.kind));
    expect(kinds).toContain('invitation_received');
    expect(kinds).toContain('invitation_accepted');
    // Written as things happened: the bell's newest-first order is the order of their moments.
    const times = (notifications.body.items as { createdAt: string }[]).map((item) => Date.parse(item.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Older ones were read a few days ago; not everything waits.
    expect(notifications.body.unreadCount).toBeLessThan(notifications.body.items.length);
  });

  it('has sent invitations in every state the sender sees, some pending ones seen', async () => {
    const sent = await t.call('GET', '/api/v1/invitations/sent?limit=50', demo);
    expect(sent.status).toBe(200);
    const items = sent.body.items as { status: string; viewedAt: string | null }[];
    const statuses = new Set(items.map((item) => item.status));
    for (const status of ['pending', 'accepted', 'declined', 'withdrawn', 'expired']) expect(statuses).toContain(status);
    // An ignored invitation reads pending to its sender: the sender never sees "ignored".
    expect(statuses).not.toContain('ignored');
    expect(items.some((item) => item.status === 'pending' && item.viewedAt !== null)).toBe(true);
    expect(items.some((item) => item.status === 'pending' && item.viewedAt === null)).toBe(true);
  });

  it('suggests people with real mutual connections', async () => {
    const suggestions = await t.call('GET', '/api/v1/suggestions', demo);
    expect(suggestions.status).toBe(200);
    const items = suggestions.body.items as { member: { id: string }; mutualConnections: number }[];
    expect(items.some((item) => item.mutualConnections > 0)).toBe(true);
    const first = items.find((item) => item.mutualConnections > 0)!;
    const mutual = await t.call('GET', `/api/v1/members/${first.member.id}/mutual-connections`, demo);
    expect(mutual.status).toBe(200);
    expect((mutual.body.items ?? mutual.body).length).toBeGreaterThan(0);
  });

  it('has a conversation and introductions, asked by and through the demo member', async () => {
    const conversations = await t.call('GET', '/api/v1/conversations', demo);
    expect(conversations.status).toBe(200);
    expect(conversations.body.items.length).toBeGreaterThanOrEqual(1);
    const asked = await t.call('GET', '/api/v1/introductions?role=requester', demo);
    const through = await t.call('GET', '/api/v1/introductions?role=introducer', demo);
    expect(asked.body.items.length + through.body.items.length).toBeGreaterThanOrEqual(1);
    expect(asked.body.items.length).toBeGreaterThanOrEqual(1);
    expect(through.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('has company pages with their people and groups the demo member is in', async () => {
    const groups = await t.call('GET', '/api/v1/groups?limit=50', demo);
    expect(groups.body.items.filter((group: { joined: boolean }) => group.joined).length).toBeGreaterThanOrEqual(2);
    // The demo member's own company has a page, and its people include connections of theirs.
    const profile = await t.call('GET', `/api/v1/members/${demo.id}`, demo);
    const company = (profile.body.member.positions as { company: string; endYear: number | null }[]).find((position) => position.endYear === null)!.company;
    const found = await t.call('GET', `/api/v1/members?q=${encodeURIComponent(company)}&limit=100`, demo);
    const page = (found.body.items as { id: string; kind: string; name: string }[]).find((member) => member.kind === 'company' && member.name === company);
    expect(page).toBeDefined();
    const people = await t.call('GET', `/api/v1/members/${page!.id}/people?limit=100`, demo);
    expect(people.status).toBe(200);
    expect(people.body.items.length).toBeGreaterThanOrEqual(3);
    expect(people.body.items.some((person: { degree: number | null }) => person.degree === 1)).toBe(true);
  });
});

describe('the demo network is reproducible', () => {
  it('gives the same names and stories from the same seed', async () => {
    const names = async () => {
      const { t, demo } = await demoApp('pglite');
      try {
        const received = await t.call('GET', '/api/v1/invitations/received?status=pending&limit=50', demo);
        const sent = await t.call('GET', '/api/v1/invitations/sent?limit=50', demo);
        return {
          received: (received.body.items as { sender: { name: string }; note: string | null }[]).map((item) => `${item.sender.name}: ${item.note ?? ''}`),
          sent: (sent.body.items as { recipient: { name: string }; status: string }[]).map((item) => `${item.recipient.name}: ${item.status}`),
        };
      } finally {
        await t.close();
      }
    };
    const first = await names();
    const second = await names();
    expect(first.received.length).toBeGreaterThanOrEqual(10);
    expect(second).toEqual(first);
  });
});
