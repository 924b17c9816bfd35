import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const send = (t: TestApp, from: TestMember, body: Record<string, unknown>) => t.call('POST', '/api/v1/invitations', from, body);

describe.each(backends)('sending invitations on %s', (backend) => {
  let t: TestApp;
  let ann: TestMember, ben: TestMember, cat: TestMember, dan: TestMember;

  beforeAll(async () => {
    t = await createTestApp(backend);
    [ann, ben, cat, dan] = (await Promise.all(['Ann Archer', 'Ben Brook', 'Cat Cole', 'Dan Dale'].map((name) => t.signUp(name)))) as [TestMember, TestMember, TestMember, TestMember];
    await t.connect(ann, ben); // ann — ben — cat: ann and cat are 2nd degree
    await t.connect(ben, cat);
  });
  afterAll(() => t.close());

  it('sends to a 2nd-degree member with a note and how-we-met, and the recipient sees it with mutual connections', async () => {
    const sent = await send(t, ann, { recipientId: cat.id, note: 'We met at the Lisbon meetup.', howWeMet: 'business' });
    expect(sent.status).toBe(201);
    expect(sent.body.invitation).toMatchObject({ status: 'pending', note: 'We met at the Lisbon meetup.', howWeMet: 'business', sender: { id: ann.id }, recipient: { id: cat.id } });
    const received = await t.call('GET', '/api/v1/invitations/received', cat);
    expect(received.body.items).toHaveLength(1);
    expect(received.body.items[0]).toMatchObject({ id: sent.body.invitation.id, mutualConnections: 1, sender: { name: 'Ann Archer' }, topMutualConnection: { name: 'Ben Brook' } });
    const policy = await t.call('GET', '/api/v1/policy', cat);
    expect(policy.body).toMatchObject({ policy: { noteMaxLength: 300 }, defaultInvitationMessage: "I'd like to add you to my professional network." });
  });

  it('shows the default message when there is no note', async () => {
    const eve = await t.signUp('Eve Eng');
    const sent = await send(t, eve, { recipientId: dan.id, email: dan.email });
    expect(sent.status).toBe(201);
    expect(sent.body.invitation.note).toBeNull();
    expect(sent.body.invitation.message).toBe("I'd like to add you to my professional network.");
  });

  it('refuses a member outside the 2nd degree without their email (not_eligible), and accepts it with the right email', async () => {
    const stranger = await t.signUp('Sam Stranger');
    const refused = await send(t, ann, { recipientId: stranger.id });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_eligible');
    const mismatch = await send(t, ann, { recipientId: stranger.id, email: 'someone.else@example.com' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('email_mismatch');
    const ok = await send(t, ann, { recipientId: stranger.id, email: stranger.email.toUpperCase() });
    expect(ok.status).toBe(201);
  });

  it('refuses inviting yourself, a company, an existing connection and a pair with a pending invitation', async () => {
    expect((await send(t, ann, { recipientId: ann.id })).body.code).toBe('cannot_invite_self');
    const acme = await t.signUp('Acme Corp', { kind: 'company' });
    const company = await send(t, ann, { recipientId: acme.id, email: acme.email });
    expect([company.status, company.body.code]).toEqual([422, 'companies_cannot_connect']);
    const connected = await send(t, ann, { recipientId: ben.id });
    expect([connected.status, connected.body.code]).toEqual([409, 'already_connected']);
    const again = await send(t, ann, { recipientId: cat.id });
    expect([again.status, again.body.code]).toEqual([409, 'invitation_pending']);
  });

  it('answers 404 for a member who does not exist and for one who blocked you, identically', async () => {
    const blocker = await t.signUp('Bo Blocker');
    await t.connect(ben, blocker);
    expect((await t.call('POST', '/api/v1/blocks', blocker, { memberId: ann.id })).status).toBe(204);
    const blocked = await send(t, ann, { recipientId: blocker.id });
    const missing = await send(t, ann, { recipientId: '999999' });
    expect(blocked.status).toBe(404);
    const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
    expect(strip(blocked.body)).toEqual(strip(missing.body));
    expect((await t.call('GET', `/api/v1/members/${blocker.id}`, ann)).status).toBe(404);
  });

  it('connects both members when the recipient already invited the sender (crossing invitations)', async () => {
    const fay = await t.signUp('Fay Ford');
    const gus = await t.signUp('Gus Gray');
    const first = await send(t, fay, { recipientId: gus.id, email: gus.email });
    expect(first.status).toBe(201);
    const crossing = await send(t, gus, { recipientId: fay.id, email: fay.email });
    expect(crossing.status).toBe(200);
    expect(crossing.body).toMatchObject({ connected: true, invitation: { id: first.body.invitation.id, status: 'accepted' } });
    const profile = await t.call('GET', `/api/v1/members/${fay.id}`, gus);
    expect(profile.body.relationship.degree).toBe(1);
  });

  it('validates the note: length as a reader counts it, control characters stripped, bidi overrides refused', async () => {
    const hal = await t.signUp('Hal Hunt');
    await t.connect(ben, hal);
    const family = '👨‍👩‍👧‍👦';
    const tooLong = await send(t, ann, { recipientId: hal.id, note: family.repeat(301) });
    expect([tooLong.status, tooLong.body.code, tooLong.body.max, tooLong.body.length]).toEqual([422, 'note_too_long', 300, 301]);
    const bidi = await send(t, ann, { recipientId: hal.id, note: 'pay \u202Eevil' });
    expect([bidi.status, bidi.body.code]).toEqual([422, 'note_invalid']);
    const ok = await send(t, ann, { recipientId: hal.id, note: `${family.repeat(290)}\r\nBye\u0007` });
    expect(ok.status).toBe(201);
    expect(ok.body.invitation.note).toBe(`${family.repeat(290)}\nBye`);
  });

  it('refuses unknown fields and a body with neither recipientId nor email', async () => {
    const unknown = await send(t, ann, { recipientId: dan.id, priority: 'high' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'validation_failed']);
    const empty = await send(t, ann, {});
    expect([empty.status, empty.body.code]).toEqual([422, 'validation_failed']);
  });

  it("respects the recipient's setting: contacts only, or email or contacts", async () => {
    const ivy = await t.signUp('Ivy Ives');
    await t.connect(ben, ivy);
    await t.call('PATCH', '/api/v1/me/settings', ivy, { invitationsFrom: 'contacts_only' });
    const notAccepting = await send(t, ann, { recipientId: ivy.id, email: ivy.email });
    expect([notAccepting.status, notAccepting.body.code]).toEqual([403, 'recipient_not_accepting']);
    await t.call('PATCH', '/api/v1/me/settings', ivy, { invitationsFrom: 'email_or_contacts' });
    const needsEmail = await send(t, ann, { recipientId: ivy.id });
    expect([needsEmail.status, needsEmail.body.code]).toEqual([403, 'email_required']);
    expect((await send(t, ann, { recipientId: ivy.id, email: ivy.email })).status).toBe(201);
  });

  it('invites an address that belongs to no member yet, once', async () => {
    const first = await send(t, ann, { email: 'newcomer@example.org', note: 'Join us' });
    expect(first.status).toBe(201);
    expect(first.body.invitation).toMatchObject({ recipient: null, recipientEmail: 'newcomer@example.org', status: 'pending' });
    const second = await send(t, ann, { email: 'NEWCOMER@example.org' });
    expect(second.body.code).toBe('invitation_pending');
  });

  it('shows the relationship and whether you may invite on a profile', async () => {
    const jo = await t.signUp('Jo Jones');
    await t.connect(cat, jo); // ann → ben → cat → jo: 3rd degree for ann, with no open invitation
    const third = await t.call('GET', `/api/v1/members/${jo.id}`, ann);
    expect(third.status).toBe(200);
    expect(third.body.relationship).toMatchObject({ degree: 3, mutualConnections: 0, invitation: null, canInvite: { allowed: true, code: 'not_eligible', requiresEmail: true } });
    const second = await t.call('GET', `/api/v1/members/${cat.id}`, ann);
    expect(second.body.relationship).toMatchObject({ degree: 2, mutualConnections: 1, invitation: { direction: 'sent', status: 'pending' }, canInvite: { allowed: false, code: 'invitation_pending' } });
  });
});
