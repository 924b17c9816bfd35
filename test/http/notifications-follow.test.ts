import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../helpers/browser-session.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('the "invited you" notification follows its invitation, on %s', (backend) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone', expiryDays: 30 });
  });
  afterAll(() => t.close());
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');

  const invited = async () => {
    n++;
    const [sender, recipient] = await Promise.all([t.signUp(`Follow Sender ${n}`), t.signUp(`Follow Recipient ${n}`)]);
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    expect(sent.status).toBe(201);
    await runDue();
    return { sender, recipient, invitationId: sent.body.invitation.id as string };
  };
  const bell = async (member: TestMember) => (await t.call('GET', '/api/v1/notifications', member)).body;
  const receivedOf = async (member: TestMember, invitationId: string) =>
    (await bell(member)).items.find((item: any) => item.kind === 'invitation_received' && item.payload.invitationId === invitationId);

  it('names the sender as its actor, for their photo or initials', async () => {
    const { sender, recipient, invitationId } = await invited();
    const item = await receivedOf(recipient, invitationId);
    expect(item.readAt).toBeNull();
    expect(item.actor).toMatchObject({ id: sender.id, name: sender.name, initials: expect.any(String) });
    expect((await bell(recipient)).unreadCount).toBe(1);
  });

  it.each(['accept', 'ignore'] as const)('%s (bearer token) marks it read and the unread count drops', async (action) => {
    const { recipient, invitationId } = await invited();
    expect((await bell(recipient)).unreadCount).toBe(1);
    expect((await t.call('POST', `/api/v1/invitations/${invitationId}/${action}`, recipient)).status).toBe(200);
    expect((await receivedOf(recipient, invitationId)).readAt).not.toBeNull();
    expect((await bell(recipient)).unreadCount).toBe(0);
  });

  it('reporting (browser session) marks it read', async () => {
    const { recipient, invitationId } = await invited();
    const browser = await browserSession(t, recipient);
    const reported = await browser('POST', `/api/v1/invitations/${invitationId}/report`, { reason: 'dont_know' });
    expect(reported.status).toBe(200);
    expect((await receivedOf(recipient, invitationId)).readAt).not.toBeNull();
  });

  it('replying in the thread (browser session) marks it read; the reply reaches the sender unread', async () => {
    const { sender, recipient, invitationId } = await invited();
    const browser = await browserSession(t, recipient);
    expect((await browser('POST', `/api/v1/invitations/${invitationId}/reply`, { message: 'Where did we meet?' })).status).toBe(201);
    await runDue();
    expect((await receivedOf(recipient, invitationId)).readAt).not.toBeNull();
    const reply = (await bell(sender)).items.find((item: any) => item.kind === 'invitation_reply');
    expect(reply).toMatchObject({ readAt: null, actor: { id: recipient.id } });
  });

  it('a withdrawn invitation takes its notification with it, as an expired one does: the recipient sees the same', async () => {
    const withdrawn = await invited();
    expect((await t.call('POST', `/api/v1/invitations/${withdrawn.invitationId}/withdraw`, withdrawn.sender)).status).toBe(200);
    expect(await receivedOf(withdrawn.recipient, withdrawn.invitationId)).toBeUndefined();
    expect((await bell(withdrawn.recipient)).unreadCount).toBe(0);

    const lapsing = await invited();
    await t.advanceDays(31);
    await runDue();
    expect((await t.call('GET', `/api/v1/invitations/${lapsing.invitationId}`, lapsing.sender)).body.invitation.status).toBe('expired');
    expect(await receivedOf(lapsing.recipient, lapsing.invitationId)).toBeUndefined();
    expect((await bell(lapsing.recipient)).unreadCount).toBe(0);
  });

  it('the other notifications of the recipient are left as they were', async () => {
    const first = await invited();
    const sender2 = await t.signUp(`Follow Other Sender ${n}`);
    const other = await t.call('POST', '/api/v1/invitations', sender2, { recipientId: first.recipient.id });
    await runDue();
    await t.call('POST', `/api/v1/invitations/${first.invitationId}/accept`, first.recipient);
    expect((await receivedOf(first.recipient, other.body.invitation.id)).readAt).toBeNull();
    expect((await bell(first.recipient)).unreadCount).toBe(1);
  });

  it('an introduction request names the requester as its actor, for the introducer only', async () => {
    n++;
    const [requester, introducer, target] = await Promise.all([t.signUp(`Intro Requester ${n}`), t.signUp(`Intro Introducer ${n}`), t.signUp(`Intro Target ${n}`)]);
    await t.connect(requester, introducer);
    await t.connect(introducer, target);
    const asked = await t.call('POST', '/api/v1/introductions', requester, { introducerId: introducer.id, targetId: target.id, messageToIntroducer: 'Could you introduce me?', messageToTarget: 'Hello there.' });
    expect(asked.status).toBe(201);
    await runDue();
    const item = (await bell(introducer)).items.find((i: any) => i.kind === 'introduction_requested');
    expect(item.actor).toMatchObject({ id: requester.id, name: requester.name });
  });
});
