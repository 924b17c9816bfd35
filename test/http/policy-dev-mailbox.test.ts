import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../helpers/browser-session.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

describe.each(backends)('GET /policy says whether the dev mailbox is on, on %s', (backend) => {
  let off: TestApp;
  let on: TestApp;
  beforeAll(async () => {
    [off, on] = await Promise.all([createTestApp(backend), createTestApp(backend, {}, { RAPPORT_DEV_MAILBOX: '1' })]);
  });
  afterAll(async () => {
    await Promise.all([off.close(), on.close()]);
  });

  it('false by default (bearer token), and /dev/mail is not served', async () => {
    const member = await off.signUp('Mailbox Off');
    expect((await off.call('GET', '/api/v1/policy', member)).body.devMailbox).toBe(false);
    const mailbox = await off.app.inject({ method: 'GET', url: '/dev/mail' });
    expect(mailbox.body).not.toContain('Dev mailbox');
  });

  it('true with RAPPORT_DEV_MAILBOX=1 (browser session), and /dev/mail is the mailbox', async () => {
    const member = await on.signUp('Mailbox On');
    const browser = await browserSession(on, member);
    expect((await browser('GET', '/api/v1/policy')).body.devMailbox).toBe(true);
    const mailbox = await on.app.inject({ method: 'GET', url: '/dev/mail' });
    expect(mailbox.statusCode).toBe(200);
    expect(mailbox.body).toContain('Dev mailbox');
  });
});
