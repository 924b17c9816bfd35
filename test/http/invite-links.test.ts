import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('invite-me links on %s', (backend) => {
  let t: TestApp;
  let owner: TestMember;

  beforeAll(async () => {
    t = await createTestApp(backend);
    owner = await t.signUp('Olga Owner');
    // The owner only takes invitations from people who know the address: the link stands for it.
    await t.call('PATCH', '/api/v1/me/settings', owner, { invitationsFrom: 'email_or_contacts' });
  });
  afterAll(() => t.close());

  const tokenOf = (url: string) => url.split('/').at(-1)!;

  it('gives each member a link, previewed publicly, that sends the owner an invitation from the visitor', async () => {
    const link = await t.call('GET', '/api/v1/me/invite-link', owner);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ enabled: true, autoAccept: false });
    expect(link.body.url).toMatch(/\/invite\/[A-Za-z0-9_-]{22}$/);
    expect((await t.call('GET', '/api/v1/me/invite-link', owner)).body.url).toBe(link.body.url); // stable until rotated
    const token = tokenOf(link.body.url);

    const preview = await t.call('GET', `/api/v1/invite-links/${token}`, null);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ owner: expect.objectContaining({ id: owner.id, name: 'Olga Owner' }), autoAccept: false, you: null });

    const stranger = await t.signUp('Sam Stranger'); // no connection in common, does not know the address
    expect((await t.call('POST', '/api/v1/invitations', stranger, { recipientId: owner.id })).body.code).toBe('email_required');
    const signedIn = await t.call('GET', `/api/v1/invite-links/${token}`, stranger);
    expect(signedIn.body.you).toEqual({ isOwner: false, connected: false, invitationPending: false });

    const ownerQuota = (await t.call('GET', '/api/v1/me', owner)).body.quota;
    const connect = await t.call('POST', `/api/v1/invite-links/${token}/connect`, stranger, { note: 'Met at your talk.' });
    expect(connect.status).toBe(201);
    expect(connect.body).toMatchObject({ connected: false, invitation: { status: 'pending', sender: { id: stranger.id }, recipient: { id: owner.id }, note: 'Met at your talk.', recipientEmail: null } });

    // It is the visitor's invitation: on the visitor's quota, never the owner's; the owner's address stays hidden.
    expect((await t.call('GET', '/api/v1/me', stranger)).body.quota.monthlyUsed).toBe(1);
    expect((await t.call('GET', '/api/v1/me', owner)).body.quota).toEqual(ownerQuota);
    const sent = await t.call('GET', '/api/v1/invitations/sent', stranger);
    expect(sent.body.items[0].recipientEmail).toBeNull();
    expect(JSON.stringify(sent.body)).not.toContain(owner.email);
    const received = await t.call('GET', '/api/v1/invitations/received', owner);
    expect(received.body.items.map((i: any) => i.sender.id)).toContain(stranger.id);
    expect((await t.call('GET', `/api/v1/invite-links/${token}`, stranger)).body.you).toMatchObject({ invitationPending: true });

    const twice = await t.call('POST', `/api/v1/invite-links/${token}/connect`, stranger, {});
    expect([twice.status, twice.body.code]).toEqual([409, 'invitation_pending']);
  });

  it('connects at once with autoAccept, and accepts a crossing invitation', async () => {
    const patched = await t.call('PATCH', '/api/v1/me/invite-link', owner, { autoAccept: true });
    expect(patched.body).toMatchObject({ enabled: true, autoAccept: true });
    const token = tokenOf(patched.body.url);
    const fan = await t.signUp('Fay Fan');
    const connect = await t.call('POST', `/api/v1/invite-links/${token}/connect`, fan);
    expect(connect.status).toBe(201);
    expect(connect.body).toMatchObject({ connected: true, invitation: { status: 'accepted' } });
    const connections = await t.call('GET', '/api/v1/connections', owner);
    expect(connections.body.items.map((c: any) => c.member.id)).toContain(fan.id);
    expect((await t.call('POST', `/api/v1/invite-links/${token}/connect`, fan)).body.code).toBe('already_connected');

    await t.call('PATCH', '/api/v1/me/invite-link', owner, { autoAccept: false });
    const gil = await t.signUp('Gil Guest');
    const invited = await t.call('POST', '/api/v1/invitations', owner, { recipientId: gil.id, email: gil.email });
    expect(invited.status).toBe(201);
    const crossing = await t.call('POST', `/api/v1/invite-links/${token}/connect`, gil);
    expect(crossing.status).toBe(200);
    expect(crossing.body).toMatchObject({ connected: true, invitation: { id: invited.body.invitation.id, status: 'accepted' } });
  });

  it('stops working when switched off or rotated: 404 for the preview and the action', async () => {
    const old = tokenOf((await t.call('GET', '/api/v1/me/invite-link', owner)).body.url);
    const hal = await t.signUp('Hal Hope');
    const off = await t.call('PATCH', '/api/v1/me/invite-link', owner, { enabled: false });
    expect(off.body.enabled).toBe(false);
    expect((await t.call('GET', `/api/v1/invite-links/${old}`, null)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/invite-links/${old}/connect`, hal)).status).toBe(404);
    await t.call('PATCH', '/api/v1/me/invite-link', owner, { enabled: true });
    expect((await t.call('GET', `/api/v1/invite-links/${old}`, null)).status).toBe(200);

    const rotated = await t.call('POST', '/api/v1/me/invite-link/rotate', owner);
    expect(rotated.status).toBe(200);
    const fresh = tokenOf(rotated.body.url);
    expect(fresh).not.toBe(old);
    expect((await t.call('GET', `/api/v1/invite-links/${old}`, null)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/invite-links/${old}/connect`, hal)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/invite-links/${fresh}`, null)).status).toBe(200);
    expect((await t.call('GET', '/api/v1/invite-links/not-a-token', null)).status).toBe(422);
  });

  it('asks a visitor to sign in, refuses the owner, and is a dead link across a block', async () => {
    const token = tokenOf((await t.call('GET', '/api/v1/me/invite-link', owner)).body.url);
    const anonymous = await t.call('POST', `/api/v1/invite-links/${token}/connect`, null);
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthorized']);
    const self = await t.call('POST', `/api/v1/invite-links/${token}/connect`, owner);
    expect([self.status, self.body.code]).toEqual([422, 'cannot_invite_self']);
    expect((await t.call('GET', `/api/v1/invite-links/${token}`, owner)).body.you).toMatchObject({ isOwner: true });

    const pest = await t.signUp('Pat Pest');
    expect((await t.call('POST', '/api/v1/blocks', owner, { memberId: pest.id })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/invite-links/${token}`, pest)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/invite-links/${token}/connect`, pest)).status).toBe(404);
  });

  it("spends the visitor's quota: a visitor at the limit is refused, the owner unaffected", async () => {
    const limited = await createTestApp(backend, { monthlyLimit: 0 });
    try {
      const host = await limited.signUp('Host Member');
      const guest = await limited.signUp('Guest Member');
      const token = tokenOf((await limited.call('GET', '/api/v1/me/invite-link', host)).body.url);
      const refused = await limited.call('POST', `/api/v1/invite-links/${token}/connect`, guest);
      expect([refused.status, refused.body.code]).toEqual([429, 'quota_exceeded']);
      expect((await limited.call('GET', '/api/v1/invitations/received', host)).body.items).toEqual([]);
    } finally {
      await limited.close();
    }
  }, 180_000);
});
