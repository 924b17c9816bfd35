import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/** An address counts only once it is proven: admin rights, join mail and contact matching wait for the proof. */
describe.each(backends)('address ownership on %s', (backend) => {
  let t: TestApp;
  let sender: TestMember;
  beforeAll(async () => {
    t = await createTestApp(backend, { reminderDays: [7] });
    sender = await t.signUp('Olga Owner');
    expect((await t.verifyEmail(sender)).status).toBe(200);
  });
  afterAll(() => t.close());

  const runDue = () => t.call('POST', '/api/v1/_test/run-due');
  const mailTo = async (email: string) => (await t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(email)}`)).body.items as { template: string; text: string }[];
  /** Signs up through the API, without the helper's proof of the admin address. */
  const signUpRaw = async (email: string, name: string, extra: Record<string, unknown> = {}): Promise<TestMember & { role: string; emailVerified: boolean }> => {
    const answer = await t.call('POST', '/api/v1/auth/signup', null, { email, password: 'correct horse battery', name, ...extra });
    expect(answer.status).toBe(201);
    return { id: answer.body.member.id, token: answer.body.token, email, name, role: answer.body.member.role, emailVerified: answer.body.member.emailVerified };
  };
  const verifyLinkIn = (mail: { text: string }) => new URL(/Confirm: (\S+)/.exec(mail.text)![1]!).searchParams.get('token')!;

  it('admin rights from RAPPORT_ADMIN_EMAILS start when the address is verified, not at sign-up', async () => {
    const ops = await signUpRaw(ADMIN_EMAIL, 'Ops Unproven');
    expect([ops.role, ops.emailVerified]).toEqual(['member', false]);
    expect((await t.call('GET', '/api/v1/me', ops)).body.member.role).toBe('member');
    const refused = await t.call('GET', '/api/v1/admin/allotment-requests', ops);
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);

    expect((await t.verifyEmail(ops)).status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', ops)).body.member.role).toBe('admin');
    expect((await t.call('GET', '/api/v1/admin/allotment-requests', ops)).status).toBe(200);
  });

  it('sign-up mails the verification link, whose token proves the address; a join link needs none', async () => {
    const vera = await signUpRaw('vera.new@example.org', 'Vera New');
    await runDue();
    const [mail, ...more] = await mailTo(vera.email);
    expect(more).toEqual([]);
    expect(mail!.template).toBe('verify_email');
    const verified = await t.call('POST', '/api/v1/auth/verify-email', vera, { token: verifyLinkIn(mail!) });
    expect(verified.status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', vera)).body.member.emailVerified).toBe(true);

    await t.call('POST', '/api/v1/invitations', sender, { email: 'jo.joiner@example.org' });
    await runDue();
    const join = (await mailTo('jo.joiner@example.org')).find((m) => m.template === 'join')!;
    const link = new URL(/https?:\/\/\S+\/signup\?\S+/.exec(join.text)![0]);
    const jo = await signUpRaw(link.searchParams.get('email')!, 'Jo Joiner', { joinToken: link.searchParams.get('join') });
    expect(jo.emailVerified).toBe(true);
    await runDue();
    expect((await mailTo('jo.joiner@example.org')).map((m) => m.template)).not.toContain('verify_email');
  });

  it('join mails and reminders keep going to an address until a member proves it', async () => {
    const squatter = await signUpRaw('claimed.not.proven@example.org', 'Sam Squatter');
    const sent = await t.call('POST', '/api/v1/invitations', sender, { email: squatter.email, note: 'For the owner of this address' });
    expect(sent.status).toBe(201);
    await runDue();
    expect((await mailTo(squatter.email)).map((m) => m.template).filter((template) => template === 'join')).toEqual(['join']);
    await t.advanceDays(7.01);
    await runDue();
    expect((await mailTo(squatter.email)).map((m) => m.template).filter((template) => template === 'join')).toEqual(['join', 'join']);
    // Nothing reached the account that has not proven the address.
    expect((await t.call('GET', '/api/v1/invitations/received', squatter)).body.items).toEqual([]);
  });

  it('no join mail once a member has proven the address', async () => {
    const owner = await signUpRaw('proven.owner@example.org', 'Pat Proven');
    expect((await t.verifyEmail(owner)).status).toBe(200);
    await t.call('POST', '/api/v1/invitations', sender, { email: owner.email });
    await runDue();
    expect((await mailTo(owner.email)).map((m) => m.template)).toEqual(['verify_email', 'invitation']);
  });

  it('contact import matches an address to its account only once the account has proven it', async () => {
    const importer = await t.signUp('Ivy Importer');
    const unproven = await signUpRaw('contact.unproven@example.org', 'Una Unproven');
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import',
      headers: { authorization: `Bearer ${importer.token}`, 'content-type': 'text/csv' },
      payload: `Name,Email\nUna,${unproven.email}\n`,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json().report.members).toBe(0);
    const [contact] = (await t.call('GET', '/api/v1/contacts', importer)).body.items;
    expect(contact).toMatchObject({ email: unproven.email, member: null });
    // Invited from the contact list, it goes to the address (and waits there), not to the account.
    const invited = await t.call('POST', '/api/v1/contacts/invite', importer, { contactIds: [contact.id] });
    expect(invited.body.results).toMatchObject([{ outcome: 'sent' }]);
    expect((await t.call('GET', '/api/v1/invitations/received', unproven)).body.items).toEqual([]);

    expect((await t.verifyEmail(unproven)).status).toBe(200);
    const [after] = (await t.call('GET', '/api/v1/contacts', importer)).body.items;
    expect(after.member).toMatchObject({ id: unproven.id, name: 'Una Unproven' });
    expect((await t.call('GET', '/api/v1/invitations/received', unproven)).body.items).toHaveLength(1);
  });
});
