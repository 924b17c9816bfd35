import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { tokenId } from '../../src/mail/link-tokens.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** The headers of a raw message, unfolded, by lower-case name. */
function headersOf(raw: string): Map<string, string> {
  const [head] = raw.split(/\r\n\r\n/);
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r\n[ \t]+/g, ' ').split(/\r\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** The path and query of the link in a `List-Unsubscribe` header. */
function unsubscribePath(header: string): string {
  const url = new URL(/<(.+?)>/.exec(header)![1]!);
  return url.pathname + url.search;
}

describe.each(backends)('mail to people who are not members, over a real SMTP exchange, on %s', (backend) => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp(backend, { eligibility: 'anyone', reminderDays: [3, 6] }, { SMTP_URL: sink.url });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');
  const mailsTo = (email: string) => sink.mails.filter((mail) => mail.to.includes(email));

  it('a join mail carries a signed RFC 8058 one-click unsubscribe that works without an account; after it nobody reaches the address, and senders cannot tell', async () => {
    const [ann, bob] = await Promise.all([t.signUp('Ann Join'), t.signUp('Bob Join')]);
    const address = 'outsider@example.org';
    const first = await t.call('POST', '/api/v1/invitations', ann, { email: address });
    expect(first.status).toBe(201);
    await runDue();
    const [join] = mailsTo(address);
    expect(join).toBeDefined();
    const headers = headersOf(join!.raw);
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(headers.get('list-unsubscribe')).toMatch(/^<http:\/\/[^>]+\/mail\/unsubscribe\?token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/);
    const path = unsubscribePath(headers.get('list-unsubscribe')!);
    expect(join!.raw.replace(/=\r\n/g, '')).toContain(path.split('token=')[1]!.slice(0, 40)); // the same link in the body

    // The page answers a GET with a form only (mail scanners follow links), no sign-in asked.
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stop these mails');
    expect(page.body).not.toContain('Sign in');
    // A forged token does nothing.
    const forged = await t.app.inject({ method: 'POST', url: `${path.slice(0, -3)}AAA`, headers: form, payload: 'List-Unsubscribe=One-Click' });
    expect(forged.statusCode).toBe(400);
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the link itself.
    const oneClick = await t.app.inject({ method: 'POST', url: path, headers: form, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('You are unsubscribed');
    const again = await t.app.inject({ method: 'POST', url: path, headers: form, payload: 'List-Unsubscribe=One-Click' });
    expect(again.statusCode).toBe(200);

    // Another sender, the address spelled differently: answered exactly as a send to any address.
    const fresh = await t.call('POST', '/api/v1/invitations', ann, { email: 'someone.else@example.org' });
    const suppressed = await t.call('POST', '/api/v1/invitations', bob, { email: 'OutSider@Example.org' });
    expect(suppressed.status).toBe(fresh.status);
    expect(suppressed.status).toBe(201);
    expect(Object.keys(suppressed.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(Object.keys(suppressed.body.invitation).sort()).toEqual(Object.keys(fresh.body.invitation).sort());
    expect(suppressed.body.invitation.status).toBe(fresh.body.invitation.status);
    await runDue();
    expect(mailsTo('someone.else@example.org')).toHaveLength(1);
    expect(sink.mails.filter((mail) => mail.to.some((to) => to.trim().toLowerCase() === address))).toHaveLength(1);

    // No reminder either, from the sender before or the one after; the other address still gets its own.
    await t.advanceDays(3.1);
    await runDue();
    await t.advanceDays(3.1);
    await runDue();
    expect(sink.mails.filter((mail) => mail.to.some((to) => to.trim().toLowerCase() === address))).toHaveLength(1);
    expect(mailsTo('someone.else@example.org').length).toBeGreaterThan(1);
  });

  it('a member\'s mail keeps its own one-click link, which switches off a category, not the address', async () => {
    const [carl, dana] = await Promise.all([t.signUp('Carl Member'), t.signUp('Dana Member')]);
    await t.call('POST', '/api/v1/invitations', carl, { recipientId: dana.id });
    await runDue();
    const mail = mailsTo(dana.email).find((m) => /^Subject: .*wants to connect/m.test(m.raw))!;
    const path = unsubscribePath(headersOf(mail.raw).get('list-unsubscribe')!);
    const oneClick = await t.app.inject({ method: 'POST', url: path, headers: form, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/me', dana)).body.settings.emailCategories.invitations).toBe(false);
  });
});

describe.each(backends)('mail pages for a member signed in in the same browser, and link token spellings, on %s', (backend) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone' });
  });
  afterAll(() => t.close());
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');
  const mailTo = async (member: TestMember) => (await t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(member.email)}`)).body.items as { text: string; headers: Record<string, string> }[];

  /** An invitation to a fresh recipient and its one-click accept token, from the mail. */
  const invitationWithLink = async () => {
    n++;
    const [sender, recipient] = await Promise.all([t.signUp(`Link Sender ${n}`), t.signUp(`Link Recipient ${n}`)]);
    await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    await runDue();
    const mail = (await mailTo(recipient)).find((m) => /Accept: /.test(m.text)); // after any verification mail
    const token = new URL(/Accept: (\S+)/.exec(mail!.text)![1]!).searchParams.get('token')!;
    return { sender, recipient, token, unsubscribe: unsubscribePath(mail!.headers['List-Unsubscribe']!) };
  };

  /** A cookie session as the web app holds it: the session and the CSRF cookie, no CSRF header on a plain form post. */
  const cookieSession = async (member: TestMember) => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email, password: 'correct horse battery', session: 'cookie' } });
    expect(login.statusCode).toBe(200);
    return login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  };

  it('accepts from the mail page by its signed token, not 403 csrf_failed, for a member signed in with a cookie', async () => {
    const { sender, recipient, token } = await invitationWithLink();
    const cookie = await cookieSession(recipient);
    const accepted = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: { ...form, cookie }, payload: `token=${encodeURIComponent(token)}` });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body).toContain('You are now connected');
    expect((await t.call('GET', `/api/v1/members/${sender.id}`, recipient)).body.relationship.degree).toBe(1);
    // The cookie still guards the API itself.
    const api = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie }, payload: { headline: 'x' } });
    expect(api.statusCode).toBe(403);
  });

  it('the token alone decides: signed in as someone else, the link still answers for its own recipient', async () => {
    const { sender, recipient, token } = await invitationWithLink();
    const bystander = await t.signUp(`Bystander ${n}`);
    const cookie = await cookieSession(bystander);
    const accepted = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: { ...form, cookie }, payload: `token=${encodeURIComponent(token)}` });
    expect(accepted.statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/members/${sender.id}`, recipient)).body.relationship.degree).toBe(1);
    expect((await t.call('GET', `/api/v1/members/${sender.id}`, bystander)).body.relationship.degree).not.toBe(1);
  });

  it('unsubscribes from the mail page by its signed token for a member signed in with a cookie', async () => {
    const { recipient, unsubscribe } = await invitationWithLink();
    const cookie = await cookieSession(recipient);
    const token = new URLSearchParams(unsubscribe.split('?')[1]).get('token')!;
    const formPost = await t.app.inject({ method: 'POST', url: '/mail/unsubscribe', headers: { ...form, cookie }, payload: `token=${encodeURIComponent(token)}` });
    expect(formPost.statusCode).toBe(200);
    expect(formPost.body).toContain('You are unsubscribed');
    const oneClick = await t.app.inject({ method: 'POST', url: unsubscribe, headers: { ...form, cookie }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    expect((await t.call('GET', '/api/v1/me', recipient)).body.settings.emailCategories.invitations).toBe(false);
  });

  it('every signature has one spelling: padding, the other base64 alphabet and the unused low bits of the last character are refused', async () => {
    const { sender, recipient, token } = await invitationWithLink();
    const [body, signature] = token.split('.') as [string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    // 32 bytes in 43 characters: the last character carries 4 bits, its 2 low bits are unused.
    const lowBits = [1, 2, 3].map((bit) => `${body}.${signature.slice(0, -1)}${alphabet[last ^ bit]}`);
    const variants = [`${token}=`, `${token}==`, ...lowBits];
    const standard = signature.replace(/-/g, '+').replace(/_/g, '/');
    if (standard !== signature) variants.push(`${body}.${standard}`);
    for (const variant of variants) {
      expect(tokenId(variant)).toBe(tokenId(token)); // the same signature, once decoded
      const preview = await t.app.inject({ method: 'GET', url: `/mail/accept?token=${encodeURIComponent(variant)}` });
      expect(preview.statusCode, variant).toBe(400);
      const post = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: form, payload: `token=${encodeURIComponent(variant)}` });
      expect(post.statusCode, variant).toBe(400);
      expect(post.body).toContain('not valid');
    }
    expect((await t.call('GET', `/api/v1/members/${sender.id}`, recipient)).body.relationship.degree).not.toBe(1);
    const accepted = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: form, payload: `token=${encodeURIComponent(token)}` });
    expect(accepted.statusCode).toBe(200);
    const reused = await t.app.inject({ method: 'POST', url: '/mail/accept', headers: form, payload: `token=${encodeURIComponent(token)}` });
    expect(reused.body).toContain('already used');
  });
});

describe.each(backends)('the dev mailbox on %s', (backend) => {
  const isMailbox = (body: string) => body.includes('Dev mailbox');

  it('is closed unless switched on, even with no SMTP server and a request from this machine', async () => {
    const t = await createTestApp(backend);
    try {
      for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }, { 'x-real-ip': '::1' }]) {
        const answer = await t.app.inject({ method: 'GET', url: '/dev/mail', remoteAddress: '127.0.0.1', headers });
        expect(isMailbox(answer.body)).toBe(false);
      }
      expect(isMailbox((await t.app.inject({ method: 'GET', url: '/dev/mail/1', remoteAddress: '127.0.0.1' })).body)).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('with RAPPORT_DEV_MAILBOX=1 it is open, whatever the socket address or proxy headers say', async () => {
    const t = await createTestApp(backend, {}, { RAPPORT_DEV_MAILBOX: '1' });
    try {
      const remote = await t.app.inject({ method: 'GET', url: '/dev/mail', remoteAddress: '203.0.113.9' });
      expect(remote.statusCode).toBe(200);
      expect(isMailbox(remote.body)).toBe(true);
      const local = await t.app.inject({ method: 'GET', url: '/dev/mail', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(local.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('is refused at start in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', RAPPORT_DEV_MAILBOX: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ RAPPORT_DEV_MAILBOX: 'yes' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production' }).devMailbox).toBe(false);
    expect(loadConfig({}).devMailbox).toBe(false);
    expect(loadConfig({ RAPPORT_DEV_MAILBOX: '1' }).devMailbox).toBe(true);
  });
});
