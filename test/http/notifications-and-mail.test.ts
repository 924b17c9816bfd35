import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('notifications and mail on %s', (backend) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone', reminderDays: [7, 14], reportRestrictThreshold: 1, mailPerRecipientPerDay: 3 });
  });
  afterAll(() => t.close());

  const pair = async () => {
    n++;
    return Promise.all([t.signUp(`Sender ${n}`), t.signUp(`Recipient ${n}`)]);
  };
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');
  type Mail = { subject: string; text: string; html: string; template: string; headers: Record<string, string> };
  // The verification link every sign-up mails is not what these tests are about (it still counts towards the daily cap).
  const mailTo = async (member: TestMember) => ((await t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(member.email)}`)).body.items as Mail[]).filter((mail) => mail.template !== 'verify_email');

  it('tells the recipient of a new invitation in the app and by mail, with note, mutual count and one-click accept', async () => {
    const [sender, recipient] = await pair();
    await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, note: 'Loved your <talk> & slides', howWeMet: 'business' });
    await runDue();
    const notes = await t.call('GET', '/api/v1/notifications', recipient);
    expect(notes.body.unreadCount).toBe(1);
    expect(notes.body.items[0]).toMatchObject({ kind: 'invitation_received' });
    const [mail] = await mailTo(recipient);
    expect(mail!.subject).toBe(`${sender.name} wants to connect`);
    expect(mail!.text).toContain('Loved your <talk> & slides');
    expect(mail!.html).toContain('Loved your &lt;talk&gt; &amp; slides');
    expect(mail!.text).toContain('You did business together');
    expect(mail!.headers['List-Unsubscribe']).toMatch(/^<http:\/\/.+\/mail\/unsubscribe\?token=.+>$/);
    expect(mail!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    const acceptLink = /Accept: (\S+)/.exec(mail!.text)![1]!;
    const path = new URL(acceptLink).pathname + new URL(acceptLink).search;
    const preview = await t.app.inject({ method: 'GET', url: path });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Accept and connect');
    expect((await t.call('GET', `/api/v1/members/${sender.id}`, recipient)).body.relationship.degree).not.toBe(1); // GET changed nothing
    const token = new URL(acceptLink).searchParams.get('token')!;
    const tampered = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token.slice(0, -2)}xx` });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.body).toContain('not valid');
    const accepted = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain('You are now connected');
    const reused = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
    expect(reused.body).toContain('already used');

    await runDue();
    const senderNotes = await t.call('GET', '/api/v1/notifications', sender);
    expect(senderNotes.body.items[0].kind).toBe('invitation_accepted');
    expect((await mailTo(sender)).map((m) => m.template)).toEqual(['accepted']);
  });

  it('tells the sender when the invitation is accepted, suggesting a thank-you note (seed 001)', async () => {
    const [sender, recipient] = await pair();
    const id = (await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id })).body.invitation.id;
    expect((await t.call('POST', `/api/v1/invitations/${id}/accept`, recipient)).status).toBe(200);
    await runDue();
    const accepted = (await mailTo(sender)).find((mail) => mail.template === 'accepted');
    expect(accepted!.subject).toBe(`${recipient.name} accepted your invitation`);
    for (const part of [accepted!.text, accepted!.html]) expect(part).toContain('A short thank-you note is a good way to start.');
  });

  it('a withdrawn invitation cannot be accepted from its mail link, and an expired link says so', async () => {
    const [sender, recipient] = await pair();
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    await runDue();
    const link = /Accept: (\S+)/.exec((await mailTo(recipient))[0]!.text)![1]!;
    const token = new URL(link).searchParams.get('token')!;
    await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/withdraw`, sender);
    const afterWithdraw = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}` });
    expect(afterWithdraw.statusCode).toBe(400);
    expect(afterWithdraw.body).toContain('no longer open');
    await t.advanceDays(t.service.ctx.policy.oneClickLinkDays + 1);
    const expired = await t.app.inject({ method: 'GET', url: `/mail/accept?token=${encodeURIComponent(token)}` });
    expect(expired.body).toContain('expired');
  });

  it('ignore and withdraw never notify; decline does', async () => {
    const [sender, recipient] = await pair();
    const first = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    await t.call('POST', `/api/v1/invitations/${first.body.invitation.id}/ignore`, recipient);
    await runDue();
    expect((await t.call('GET', '/api/v1/notifications', sender)).body.items).toEqual([]);
    const [other] = await pair();
    const second = await t.call('POST', '/api/v1/invitations', sender, { recipientId: other!.id });
    await t.call('POST', `/api/v1/invitations/${second.body.invitation.id}/decline`, other!);
    await runDue();
    expect((await t.call('GET', '/api/v1/notifications', sender)).body.items.map((i: { kind: string }) => i.kind)).toEqual(['invitation_declined']);
    expect((await t.call('POST', '/api/v1/notifications/read-all', sender)).body.marked).toBe(1);
    expect((await t.call('GET', '/api/v1/notifications', sender)).body.unreadCount).toBe(0);
  });

  it('reminds on reminderDays, at most that many times, and never after the invitation is no longer pending', async () => {
    const [sender, recipient] = await pair();
    const [, quiet] = await pair();
    await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    const withdrawn = await t.call('POST', '/api/v1/invitations', sender, { recipientId: quiet!.id });
    await runDue();
    await t.call('POST', `/api/v1/invitations/${withdrawn.body.invitation.id}/withdraw`, sender);
    await t.advanceDays(7.01);
    await runDue();
    await t.advanceDays(7.01);
    await runDue();
    await t.advanceDays(30);
    await runDue();
    expect((await mailTo(recipient)).map((m) => m.template)).toEqual(['invitation', 'reminder', 'reminder']);
    expect((await mailTo(quiet!)).map((m) => m.template)).toEqual(['invitation']);
  });

  it('tells a member about their restriction and its lift', async () => {
    const [sender, recipient] = await pair();
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/report`, recipient, { reason: 'spam' });
    await t.call('POST', '/api/v1/me/standing/lift', sender, { agree: true });
    await runDue();
    expect((await mailTo(sender)).map((m) => m.template)).toEqual(['restricted', 'lifted']);
    expect((await t.call('GET', '/api/v1/notifications', sender)).body.items.map((i: { kind: string }) => i.kind)).toEqual(['lifted', 'restricted']);
  });

  it('counts, in a later restriction mail, only the reports since the last lift', async () => {
    const [sender, first] = await pair();
    const second = await t.signUp(`Second Recipient ${n}`);
    await t.advanceDays(1.01); // the sign-up's verification mail out of the daily cap's window: four mails follow
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: first.id });
    await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/report`, first, { reason: 'spam' });
    await t.call('POST', '/api/v1/me/standing/lift', sender, { agree: true });
    const again = await t.call('POST', '/api/v1/invitations', sender, { recipientId: second.id });
    expect(again.status).toBe(201);
    await t.call('POST', `/api/v1/invitations/${again.body.invitation.id}/report`, second, { reason: 'spam' });
    await runDue();
    const restricted = (await mailTo(sender)).filter((m) => m.template === 'restricted');
    expect(restricted).toHaveLength(2);
    for (const mail of restricted) expect(mail.text).toContain('Recipients reported 1 of your invitations as unwanted (the limit is 1)');
  });

  it('respects mail preferences and one-click unsubscribe, and caps mail per recipient per day (the rest goes to the digest)', async () => {
    const [, recipient] = await pair();
    const senders = await Promise.all([1, 2, 3, 4, 5].map((i) => t.signUp(`Busy Sender ${n}.${i}`)));
    for (const sender of senders) await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    await runDue();
    expect(await mailTo(recipient)).toHaveLength(2); // and the sign-up's verification mail: three that day
    await t.advanceDays(1.01);
    await runDue();
    const mails = await mailTo(recipient);
    expect(mails.at(-1)!.template).toBe('digest');
    expect(mails.at(-1)!.text).toContain(`Busy Sender ${n}.5 wants to connect`);

    const unsubscribe = /<(.+)>/.exec(mails[0]!.headers['List-Unsubscribe']!)![1]!;
    const url = new URL(unsubscribe);
    const oneClick = await t.app.inject({ method: 'POST', url: url.pathname + url.search, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/me', recipient)).body.settings.emailCategories.invitations).toBe(false);
    const late = await t.signUp(`Late Sender ${n}`);
    await t.advanceDays(2);
    await t.call('POST', '/api/v1/invitations', late, { recipientId: recipient.id });
    await runDue();
    expect((await mailTo(recipient)).some((m) => m.subject.startsWith('Late Sender'))).toBe(false);
  });
});
