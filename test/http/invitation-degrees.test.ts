import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

describe.each(backends)('degree on invitation lists on %s', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it("shows the sender's degree on received invitations and the recipient's on sent ones", async () => {
    const [ann, ben, cat, dan] = await Promise.all(['Ann Able', 'Ben Bridge', 'Cat Close', 'Dan Distant'].map((name) => t.signUp(name)));
    await t.connect(ann!, ben!);
    await t.connect(ben!, cat!);
    // cat is 2nd degree to ann; dan is a stranger who knows ann's address
    expect((await t.call('POST', '/api/v1/invitations', cat, { recipientId: ann!.id })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/invitations', dan, { recipientId: ann!.id, email: ann!.email })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/invitations', ann, { email: 'not-a-member@example.org' })).status).toBe(201);

    const received = await t.call('GET', '/api/v1/invitations/received', ann);
    const bySender = Object.fromEntries(received.body.items.map((item: any) => [item.sender.name, [item.degree, item.mutualConnections]]));
    expect(bySender).toEqual({ 'Cat Close': [2, 1], 'Dan Distant': [null, 0] });

    const sent = await t.call('GET', '/api/v1/invitations/sent', cat);
    expect(sent.body.items.map((item: any) => item.degree)).toEqual([2]);
    const toAddress = await t.call('GET', '/api/v1/invitations/sent?status=pending', ann);
    expect(toAddress.body.items.map((item: any) => [item.recipient, item.degree])).toEqual([[null, null]]);

    const invitation = received.body.items.find((item: any) => item.sender.name === 'Cat Close');
    expect((await t.call('POST', `/api/v1/invitations/${invitation.id}/accept`, ann)).status).toBe(200);
    expect((await t.call('GET', '/api/v1/invitations/sent?status=accepted', cat)).body.items.map((item: any) => item.degree)).toEqual([1]);
  });
});
