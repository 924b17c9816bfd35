import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** The one-click links of a mail's plain-text part, by label ("Accept", "Ignore"), as paths. */
function linksOf(text: string): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of text.matchAll(/^(Accept|Ignore): (\S+)$/gm)) {
    const url = new URL(match[2]!);
    links[match[1]!] = url.pathname + url.search;
  }
  return links;
}

const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('token')!;

describe.each(backends)('Ignore as a one-click link in the invitation mail, on %s', (backend) => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let n = 0;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp(backend, { eligibility: 'anyone', reminderDays: [3, 6], oneClickLinkDays: 14 }, { SMTP_URL: sink.url });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');
  const post = (path: string, token: string, cookie?: string) =>
    t.app.inject({ method: 'POST', url: path, headers: { ...form, ...(cookie ? { cookie } : {}) }, payload: `token=${encodeURIComponent(token)}` });

  /** A fresh pair, an invitation between them, and the invitation mail's links as the SMTP sink got them. */
  const invited = async () => {
    n++;
    const [sender, recipient] = await Promise.all([t.signUp(`Mail Sender ${n}`), t.signUp(`Mail Recipient ${n}`)]);
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    expect(sent.status).toBe(201);
    await runDue();
    const mail = sink.mails.filter((m) => m.to.includes(recipient.email)).find((m) => /^Subject: .*wants to connect/m.test(m.raw));
    expect(mail).toBeDefined();
    const text = mail!.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=');
    return { sender, recipient, invitationId: sent.body.invitation.id as string, links: linksOf(text), text };
  };
  const statusFor = async (member: TestMember, id: string) => (await t.call('GET', `/api/v1/invitations/${id}`, member)).body.invitation.status;
  const ignoredEvents = async (id: string) =>
    (await t.service.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'invitation.ignored').execute()).filter((row) => {
      const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
      return String(payload.invitationId) === id;
    });

  it('the mail carries Ignore beside Accept; GET only asks, POST ignores through the same transition as the app, silently, and the reminders stop', async () => {
    const { sender, recipient, invitationId, links, text } = await invited();
    expect(links.Accept).toMatch(/^\/mail\/accept\?token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(links.Ignore).toMatch(/^\/mail\/ignore\?token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(text).toContain('the sender is not told');

    const page = await t.app.inject({ method: 'GET', url: links.Ignore! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Ignore ${sender.name}`);
    expect(page.body).toContain('method="post" action="/mail/ignore"');
    expect(await statusFor(recipient, invitationId)).toBe('pending'); // a mail scanner's GET changes nothing

    const senderNotificationsBefore = (await t.call('GET', '/api/v1/notifications', sender)).body.items.length;
    const done = await post('/mail/ignore', tokenOf(links.Ignore!));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Invitation ignored');
    expect(await statusFor(recipient, invitationId)).toBe('ignored');
    expect(await ignoredEvents(invitationId)).toHaveLength(1);
    // The sender sees exactly what an ignore from the app shows: still pending, withdraw only, no answer time.
    const asSender = (await t.call('GET', '/api/v1/invitations/sent', sender)).body.items.find((i: any) => i.id === invitationId);
    expect(asSender).toMatchObject({ status: 'pending', actions: ['withdraw'], respondedAt: null });
    await runDue();
    expect((await t.call('GET', '/api/v1/notifications', sender)).body.items.length).toBe(senderNotificationsBefore);
    // No reminder follows an ignore.
    const mailsBefore = sink.mails.filter((m) => m.to.includes(recipient.email)).length;
    await t.advanceDays(3.1);
    await runDue();
    await t.advanceDays(3.1);
    await runDue();
    expect(sink.mails.filter((m) => m.to.includes(recipient.email)).length).toBe(mailsBefore);
    // The recipient may still change their mind in the app.
    expect((await t.call('POST', `/api/v1/invitations/${invitationId}/accept`, recipient)).status).toBe(200);
  });

  it('works once: a second click says so and changes nothing', async () => {
    const { recipient, invitationId, links } = await invited();
    expect((await post('/mail/ignore', tokenOf(links.Ignore!))).statusCode).toBe(200);
    const again = await post('/mail/ignore', tokenOf(links.Ignore!));
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already used');
    expect((await t.app.inject({ method: 'GET', url: links.Ignore! })).body).toContain('already used');
    expect(await statusFor(recipient, invitationId)).toBe('ignored');
    expect(await ignoredEvents(invitationId)).toHaveLength(1);
  });

  it('expires after oneClickLinkDays, like the accept link', async () => {
    const { recipient, invitationId, links } = await invited();
    await t.advanceDays(14.01);
    const page = await t.app.inject({ method: 'GET', url: links.Ignore! });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('expired');
    const late = await post('/mail/ignore', tokenOf(links.Ignore!));
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('expired');
    expect((await post('/mail/accept', tokenOf(links.Accept!))).body).toContain('expired');
    expect(await statusFor(recipient, invitationId)).not.toBe('ignored');
  });

  it('does nothing to an invitation already answered (accepted, or ignored in the app) or withdrawn, and leaves the token unspent', async () => {
    const accepted = await invited();
    expect((await t.call('POST', `/api/v1/invitations/${accepted.invitationId}/accept`, accepted.recipient)).status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: accepted.links.Ignore! })).body).toContain('no longer open');
    const late = await post('/mail/ignore', tokenOf(accepted.links.Ignore!));
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('no longer open');
    expect(await statusFor(accepted.recipient, accepted.invitationId)).toBe('accepted');
    expect((await post('/mail/ignore', tokenOf(accepted.links.Ignore!))).body).not.toContain('already used'); // not spent by the refusal

    const ignoredInApp = await invited();
    expect((await t.call('POST', `/api/v1/invitations/${ignoredInApp.invitationId}/ignore`, ignoredInApp.recipient)).status).toBe(200);
    expect((await post('/mail/ignore', tokenOf(ignoredInApp.links.Ignore!))).body).toContain('no longer open');
    expect(await ignoredEvents(ignoredInApp.invitationId)).toHaveLength(1);
    // The accept link still works after an ignore: the recipient may change their mind.
    expect((await post('/mail/accept', tokenOf(ignoredInApp.links.Accept!))).body).toContain('You are now connected');

    const withdrawn = await invited();
    expect((await t.call('POST', `/api/v1/invitations/${withdrawn.invitationId}/withdraw`, withdrawn.sender)).status).toBe(200);
    expect((await post('/mail/ignore', tokenOf(withdrawn.links.Ignore!))).body).toContain('no longer open');
  });

  it('each link does its own job only; a changed token does nothing', async () => {
    const { recipient, invitationId, links } = await invited();
    expect((await post('/mail/ignore', tokenOf(links.Accept!))).body).toContain('not valid');
    expect((await post('/mail/accept', tokenOf(links.Ignore!))).body).toContain('not valid');
    const token = tokenOf(links.Ignore!);
    const forged = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await post('/mail/ignore', forged)).statusCode).toBe(400);
    expect((await post('/mail/ignore', '')).statusCode).toBe(400);
    expect(await statusFor(recipient, invitationId)).toBe('pending');
  });

  it('is authorised by its token alone: a member signed in with a cookie in the same browser is not asked for CSRF', async () => {
    const { recipient, invitationId, links } = await invited();
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: recipient.email, password: 'correct horse battery', session: 'cookie' } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const done = await post('/mail/ignore', tokenOf(links.Ignore!), cookie);
    expect(done.statusCode).toBe(200);
    expect(await statusFor(recipient, invitationId)).toBe('ignored');
  });

  it('a reminder carries its own Ignore link, which works the same', async () => {
    const { recipient, invitationId } = await invited();
    await t.advanceDays(3.1);
    await runDue();
    const reminder = sink.mails.filter((m) => m.to.includes(recipient.email)).find((m) => /^Subject: Reminder:/m.test(m.raw));
    expect(reminder).toBeDefined();
    const links = linksOf(reminder!.raw.replace(/=\r\n/g, '').replace(/=3D/g, '='));
    expect(links.Ignore).toBeDefined();
    expect((await post('/mail/ignore', tokenOf(links.Ignore!))).statusCode).toBe(200);
    expect(await statusFor(recipient, invitationId)).toBe('ignored');
  });
});
