import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../helpers/browser-session.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/** Every item of a paged list, following nextCursor. */
async function total(t: TestApp, url: string, as: TestMember): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const sep: string = url.includes('?') ? '&' : '?';
    const page: { status: number; body: any } = await t.call('GET', `${url}${sep}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, as);
    expect(page.status).toBe(200);
    count += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}

describe.each(backends)('GET /me/network-counts on %s', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('answers zeros for a new member, and needs a session', async () => {
    const newcomer = await t.signUp('Nia Newcomer');
    const counts = await t.call('GET', '/api/v1/me/network-counts', newcomer);
    expect([counts.status, counts.body]).toEqual([200, { pendingReceived: 0, pendingSent: 0, connections: 0 }]);
    expect((await t.call('GET', '/api/v1/me/network-counts', null)).status).toBe(401);
  });

  it('equals the totals of the received, sent (pending) and connections lists, by bearer token and browser session', async () => {
    const me = await t.signUp('Mia Middle');
    const others = await Promise.all(['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus'].map((name) => t.signUp(`${name} Other`)));
    const [ann, ben, cat, dan, eve, fay, gus] = others as [TestMember, TestMember, TestMember, TestMember, TestMember, TestMember, TestMember];
    await t.connect(me, ann);
    await t.connect(ben, me);
    await t.connect(me, cat);
    for (const sender of [dan, eve]) expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: me.id, email: me.email })).status).toBe(201);
    const toFay = await t.call('POST', '/api/v1/invitations', me, { recipientId: fay.id, email: fay.email });
    expect(toFay.status).toBe(201);
    const toGus = await t.call('POST', '/api/v1/invitations', me, { recipientId: gus.id, email: gus.email });
    // Gus ignores: it still reads pending to the sender, and stays in the count of sent.
    expect((await t.call('POST', `/api/v1/invitations/${toGus.body.invitation.id}/ignore`, gus)).status).toBe(200);

    const expected = { pendingReceived: 2, pendingSent: 2, connections: 3 };
    expect((await t.call('GET', '/api/v1/me/network-counts', me)).body).toEqual(expected);
    expect({
      pendingReceived: await total(t, '/api/v1/invitations/received', me),
      pendingSent: await total(t, '/api/v1/invitations/sent?status=pending', me),
      connections: await total(t, '/api/v1/connections', me),
    }).toEqual(expected);

    const browser = await browserSession(t, me);
    expect(await browser('GET', '/api/v1/me/network-counts')).toEqual({ status: 200, body: expected });

    // Withdrawing one sent invitation and accepting one received move the numbers as the lists move.
    expect((await t.call('POST', `/api/v1/invitations/${toFay.body.invitation.id}/withdraw`, me)).status).toBe(200);
    const received = await t.call('GET', '/api/v1/invitations/received', me);
    expect((await browser('POST', `/api/v1/invitations/${received.body.items[0].id}/accept`)).status).toBe(200);
    expect((await t.call('GET', '/api/v1/me/network-counts', me)).body).toEqual({ pendingReceived: 1, pendingSent: 1, connections: 4 });
    expect(await total(t, '/api/v1/connections', me)).toBe(4);
  });
});
