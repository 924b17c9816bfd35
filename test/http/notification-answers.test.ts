import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../helpers/browser-session.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('answering an invitation where it is seen: the notification carries its invitation, on %s', (backend) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone' });
  });
  afterAll(() => t.close());
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');

  const invited = async () => {
    n++;
    const [sender, recipient] = await Promise.all([t.signUp(`Bell Sender ${n}`), t.signUp(`Bell Recipient ${n}`)]);
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    expect(sent.status).toBe(201);
    await runDue();
    return { sender, recipient, invitationId: sent.body.invitation.id as string };
  };
  const notificationOf = async (member: TestMember) => (await t.call('GET', '/api/v1/notifications', member)).body.items.find((item: any) => item.kind === 'invitation_received');

  it('a pending invitation offers Accept and Ignore; accepting through the invitations API (cookie session) shows the outcome', async () => {
    const { sender, recipient, invitationId } = await invited();
    expect(await notificationOf(recipient)).toMatchObject({ payload: { invitationId }, invitation: { id: invitationId, status: 'pending', actions: ['accept', 'ignore'] } });
    const browser = await browserSession(t, recipient);
    expect((await browser('POST', `/api/v1/invitations/${invitationId}/accept`)).status).toBe(200);
    expect((await notificationOf(recipient)).invitation).toEqual({ id: invitationId, status: 'accepted', actions: [] });
    expect((await t.call('GET', `/api/v1/members/${sender.id}`, recipient)).body.relationship.degree).toBe(1);
  });

  it('ignoring shows "ignored" to the recipient only; the sender still reads pending', async () => {
    const { sender, recipient, invitationId } = await invited();
    expect((await t.call('POST', `/api/v1/invitations/${invitationId}/ignore`, recipient)).status).toBe(200);
    expect((await notificationOf(recipient)).invitation).toEqual({ id: invitationId, status: 'ignored', actions: [] });
    expect((await t.call('GET', `/api/v1/invitations/${invitationId}`, sender)).body.invitation.status).toBe('pending');
  });

  it('a withdrawn invitation no longer exists for the recipient: its notification is gone too', async () => {
    const { sender, recipient, invitationId } = await invited();
    expect((await t.call('POST', `/api/v1/invitations/${invitationId}/withdraw`, sender)).status).toBe(200);
    expect(await notificationOf(recipient)).toBeUndefined();
  });

  it('other notifications carry no invitation', async () => {
    const { sender, recipient, invitationId } = await invited();
    await t.call('POST', `/api/v1/invitations/${invitationId}/accept`, recipient);
    await runDue();
    const accepted = (await t.call('GET', '/api/v1/notifications', sender)).body.items.find((item: any) => item.kind === 'invitation_accepted');
    expect(accepted).toBeDefined();
    expect(accepted).not.toHaveProperty('invitation');
  });
});
