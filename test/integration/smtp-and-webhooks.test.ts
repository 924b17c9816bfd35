import { createServer, type IncomingMessage } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

describe.each(backends)('mail over a real SMTP exchange on %s', (backend) => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp(backend, { eligibility: 'anyone' }, { SMTP_URL: sink.url });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('sends HTML and text with one header line per header, whatever the note contains', async () => {
    const sender = await t.signUp('Mallory Header');
    const recipient = await t.signUp('Rita Recipient');
    const hostile = 'Hi\r\nBcc: victim@example.com\r\nSubject: pwned\r\n\r\n<script>alert(1)</script>';
    expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, note: hostile })).status).toBe(201);
    await t.call('POST', '/api/v1/_test/run-due');
    const mail = sink.mails.find((m) => m.to.includes(recipient.email) && /^Subject: .*wants to connect/m.test(m.raw))!; // not the sign-up's verification mail
    expect(mail).toBeDefined();
    expect(mail.to).toEqual([recipient.email]);
    const [head] = mail.raw.split(/\r\n\r\n/);
    const headerNames = head!.split(/\r\n/).filter((line) => /^[A-Za-z-]+:/.test(line)).map((line) => line.split(':')[0]!.toLowerCase());
    expect(headerNames.filter((name) => name === 'subject')).toHaveLength(1);
    expect(headerNames).not.toContain('bcc');
    expect(headerNames).toContain('list-unsubscribe');
    expect(headerNames).toContain('list-unsubscribe-post');
    expect(mail.raw).toContain('multipart/alternative');
    expect(mail.raw).toContain('&lt;script&gt;'); // escaped in the HTML part; the text part may show it as text
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@127\.0\.0\.1>$/);
  });
});

describe.each(backends)('webhooks on %s', (backend) => {
  let t: TestApp;
  let received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let failing = false;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = failing ? 500 : 204;
      response.end();
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
    // The receiver listens on loopback: the operator allows private webhook targets for this test.
    t = await createTestApp(backend, { eligibility: 'anyone', webhookRetryHours: 24 }, { RAPPORT_WEBHOOK_PRIVATE_TARGETS: 'on' });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('delivers signed events, retries with backoff, and disables an endpoint that keeps failing', async () => {
    const admin = await t.signUp('Hook Admin', { email: 'admin@example.com' });
    const member = await t.signUp('Not Admin');
    expect((await t.call('POST', '/api/v1/admin/webhooks', member, { url, events: ['invitation.accepted'] })).status).toBe(403);
    expect((await t.call('POST', '/api/v1/admin/webhooks', admin, { url: 'ftp://x', events: ['invitation.accepted'] })).status).toBe(422);
    const created = await t.call('POST', '/api/v1/admin/webhooks', admin, { url, events: ['invitation.accepted', 'connection.created'] });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;

    const [a, b] = await Promise.all([t.signUp('Hook A'), t.signUp('Hook B')]);
    const sent = await t.call('POST', '/api/v1/invitations', a, { recipientId: b.id });
    await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/accept`, b);
    await t.call('POST', '/api/v1/_test/run-due');
    expect(received.map((r) => JSON.parse(r.body).type).sort()).toEqual(['connection.created', 'invitation.accepted']);
    const first = received[0]!;
    const signature = `v1,${createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update(`${first.headers['webhook-id']}.${first.headers['webhook-timestamp']}.${first.body}`).digest('base64')}`;
    expect(first.headers['webhook-signature']).toBe(signature);

    failing = true;
    received = [];
    const [c, d] = await Promise.all([t.signUp('Hook C'), t.signUp('Hook D')]);
    const again = await t.call('POST', '/api/v1/invitations', c, { recipientId: d.id });
    await t.call('POST', `/api/v1/invitations/${again.body.invitation.id}/accept`, d);
    await t.call('POST', '/api/v1/_test/run-due');
    expect(received.length).toBe(2);
    for (let hour = 0; hour < 26; hour++) {
      t.clock.advance(3_600_000);
      await t.call('POST', '/api/v1/_test/run-due');
    }
    expect(received.length).toBeGreaterThan(4);
    expect(received.length).toBeLessThan(40);
    const hooks = await t.call('GET', '/api/v1/admin/webhooks', admin);
    expect(hooks.body.items[0]).toMatchObject({ enabled: false });
    const log = await t.call('GET', `/api/v1/admin/webhooks/${created.body.webhook.id}/deliveries`, admin);
    expect(log.body.items.filter((item: { status: string }) => item.status === 'failed')).toHaveLength(2);
    const unknown = await t.call('GET', '/api/v1/admin/webhooks/999999/deliveries', admin);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    const adminNotes = await t.call('GET', '/api/v1/notifications', admin);
    expect(adminNotes.body.items.map((i: { kind: string }) => i.kind)).toContain('webhook_disabled');
  });
});
