import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('invitations by email on %s', (backend) => {
  let t: TestApp;
  let sender: TestMember;
  beforeAll(async () => {
    t = await createTestApp(backend, { reminderDays: [7] });
    sender = await t.signUp('Erin Emailer');
  });
  afterAll(() => t.close());

  const byEmail = (email: string, note?: string) => t.call('POST', '/api/v1/invitations', sender, { email, ...(note ? { note } : {}) });
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');
  const mailTo = async (email: string) => (await t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(email)}`)).body.items as { template: string; text: string }[];
  const shape = (body: { invitation: Record<string, unknown> }) => ({
    keys: Object.keys(body.invitation).sort(),
    recipient: body.invitation.recipient,
    status: body.invitation.status,
  });

  it('answers the same for an unknown, an invitable, a blocking and a connected address', async () => {
    const invitable = await t.signUp('Ivan Invitable');
    const blocker = await t.signUp('Bea Blocker');
    const friend = await t.signUp('Fred Friend');
    await t.call('POST', '/api/v1/blocks', blocker, { memberId: sender.id });
    await t.connect(sender, friend);
    for (const member of [invitable, blocker, friend]) expect((await t.verifyEmail(member)).status).toBe(200);
    const answers = await Promise.all(['nobody.yet@example.org', invitable.email, blocker.email, friend.email].map((email) => byEmail(email)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const shapes = answers.map((a) => shape(a.body));
    for (const s of shapes) expect(s).toEqual(shapes[0]);
    expect(answers.map((a) => a.body.invitation.recipientEmail)).toEqual(['nobody.yet@example.org', invitable.email, blocker.email, friend.email]);

    // Only the member who may be invited actually receives it.
    expect((await t.call('GET', '/api/v1/invitations/received', invitable)).body.items).toHaveLength(1);
    expect((await t.call('GET', '/api/v1/invitations/received', blocker)).body.items).toHaveLength(0);
    expect((await t.call('GET', '/api/v1/invitations/received', friend)).body.items).toHaveLength(0);
    await runDue();
    expect((await mailTo(blocker.email)).map((m) => m.template)).toEqual(['verify_email']);
    expect((await mailTo(invitable.email)).map((m) => m.template)).toEqual(['verify_email', 'invitation']);
    // The sender's own earlier invitation to the same address is no secret.
    expect((await byEmail(blocker.email)).body.code).toBe('invitation_pending');
    // Every one of them counts against the sender, delivered or not.
    const me = await t.call('GET', '/api/v1/me', sender);
    expect(me.body.quota.lifetimeUsed).toBeGreaterThanOrEqual(4);
  });

  it('an address counts once it is proven: an unverified account with the address gets nothing until it verifies', async () => {
    const squatter = await t.signUp('Sam Squatter');
    const parked = await byEmail(squatter.email, 'Meant for the owner of this address');
    expect(parked.status).toBe(201);
    expect((await t.call('GET', '/api/v1/invitations/received', squatter)).body.items).toHaveLength(0);
    const verified = await t.verifyEmail(squatter);
    expect(verified.body.converted).toBe(1);
    expect((await t.call('GET', '/api/v1/invitations/received', squatter)).body.items.map((i: { id: string }) => i.id)).toEqual([parked.body.invitation.id]);
  });

  it('a join invitation becomes a normal pending invitation when its recipient signs up from the mail', async () => {
    const sent = await byEmail('newcomer@example.org', 'Come and join us');
    await runDue();
    const [join] = await mailTo('newcomer@example.org');
    expect(join!.template).toBe('join');
    const link = new URL(/Join and connect: (\S+)/.exec(join!.text)![1]!);
    expect(link.searchParams.get('email')).toBe('newcomer@example.org');
    const signup = await t.call('POST', '/api/v1/auth/signup', null, {
      email: 'newcomer@example.org',
      password: 'correct horse battery',
      name: 'Nina Newcomer',
      joinToken: link.searchParams.get('join'),
    });
    expect(signup.status).toBe(201);
    expect(signup.body.member.emailVerified).toBe(true);
    const nina = { id: signup.body.member.id, token: signup.body.token, email: 'newcomer@example.org', name: 'Nina' };
    const received = await t.call('GET', '/api/v1/invitations/received', nina);
    expect(received.body.items).toHaveLength(1);
    expect(received.body.items[0]).toMatchObject({ id: sent.body.invitation.id, note: 'Come and join us', createdAt: sent.body.invitation.createdAt, sender: { id: sender.id } });
    expect((await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/accept`, nina)).status).toBe(200);
  });

  it('without the link, the address is confirmed by a mailed token; withdrawn invitations stay withdrawn', async () => {
    const kept = await byEmail('later@example.org');
    const other = await t.signUp('Olga Other');
    const withdrawnOne = await t.call('POST', '/api/v1/invitations', other, { email: 'later@example.org' });
    expect((await t.call('POST', `/api/v1/invitations/${withdrawnOne.body.invitation.id}/withdraw`, other)).status).toBe(200);
    const signup = await t.call('POST', '/api/v1/auth/signup', null, { email: 'later@example.org', password: 'correct horse battery', name: 'Leo Later' });
    const leo = { id: signup.body.member.id, token: signup.body.token, email: 'later@example.org', name: 'Leo' };
    expect(signup.body.member.emailVerified).toBe(false);
    expect((await t.call('GET', '/api/v1/invitations/received', leo)).body.items).toHaveLength(0);
    expect((await t.call('POST', '/api/v1/me/email/verification', leo)).status).toBe(202);
    await runDue();
    const mail = (await mailTo('later@example.org')).find((m) => m.template === 'verify_email')!;
    const token = new URL(/Confirm: (\S+)/.exec(mail.text)![1]!).searchParams.get('token')!;
    expect((await t.call('POST', '/api/v1/auth/verify-email', sender, { token })).status).toBe(422);
    const verified = await t.call('POST', '/api/v1/auth/verify-email', leo, { token });
    expect(verified.body.converted).toBe(1);
    // The link works once.
    const again = await t.call('POST', '/api/v1/auth/verify-email', leo, { token });
    expect(again.status).toBe(422);
    expect(again.body.detail).toMatch(/already used/);
    const received = await t.call('GET', '/api/v1/invitations/received', leo);
    expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([kept.body.invitation.id]);
  });

  it('reminds a not-yet-member by mail on reminderDays', async () => {
    await byEmail('slow@example.org');
    await runDue();
    await t.advanceDays(7.01);
    await runDue();
    expect((await mailTo('slow@example.org')).map((m) => m.template)).toEqual(['join', 'join']);
  });
});
