import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type ReceivedMail } from '../helpers/smtp-sink.js';
import { ensureWebBuilt, hasChromium, launchBrowser, newContext, PASSWORD, repoRoot, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('newcomer');

/** The text of a raw mail with its quoted-printable soft breaks and escapes undone. */
function decoded(mail: ReceivedMail): string {
  return mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The path and query of the first link in a mail whose path is `path`. */
function linkIn(mail: ReceivedMail, path: string): string {
  const found = new RegExp(`https?://[^\\s"<>]+${path.replace(/[/]/g, '\\/')}\\?[^\\s"<>]+`).exec(decoded(mail));
  if (!found) throw new Error(`no ${path} link in the mail:\n${decoded(mail).slice(0, 3000)}`);
  const url = new URL(found[0].replace(/&amp;/g, '&'));
  return url.pathname + url.search;
}

describe.skipIf(!hasChromium)('a newcomer invited by mail, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const contexts: BrowserContext[] = [];
  const stamp = Date.now();
  const screenshots = join(repoRoot, 'test-results');

  beforeAll(async () => {
    ensureWebBuilt();
    sink = await startSmtpSink();
    [server, browser] = await Promise.all([startServer({ env: { SMTP_URL: sink.url } }), launchBrowser()]);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  async function context(): Promise<BrowserContext> {
    const created = await newContext(browser, server.baseUrl);
    contexts.push(created);
    return created;
  }

  /** Runs the due work (outbox, mail) and waits until the sink holds a mail to `to` whose text has `marker`. */
  async function mailTo(to: string, marker: string): Promise<ReceivedMail> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      await server.api.ok(null, 'POST', '/_test/run-due');
      const found = sink.mails.find((mail) => mail.to.includes(to) && decoded(mail).includes(marker));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${to} with ${marker}; the sink holds ${sink.mails.length}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('goes from the join mail\'s link, through sign-up, to the invitation in the received list', async () => {
    const inviter = await server.api.signUp('Ines Inviter', { headline: 'Organiser at Northwind' });
    const newcomer = `nora.newcomer.${stamp}@example.org`;
    await server.api.ok(inviter.token, 'POST', '/invitations', { email: newcomer, note: 'Come and join us on Rapport.' });

    const joinMail = await mailTo(newcomer, '/signup?');
    const page = await (await context()).newPage();
    await page.goto(linkIn(joinMail, '/signup'));
    // The address comes from the link, prefilled.
    expect(await page.getByLabel('Email').inputValue()).toBe(newcomer);
    await page.getByLabel('Full name').fill('Nora Newcomer');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Complete your profile', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.getByRole('heading', { name: 'My Network', level: 1 }).waitFor();

    const card = page.getByTestId('received-invitation').filter({ hasText: 'Ines Inviter' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Come and join us on Rapport.');
    // The join link proved the address: no "confirm your address" notice, and no verification mail.
    expect(await page.getByTestId('unverified-notice').count()).toBe(0);
    expect(sink.mails.some((mail) => mail.to.includes(newcomer) && decoded(mail).includes('/verify-email?'))).toBe(false);
    await page.screenshot({ path: join(screenshots, 'newcomer-received-invitation.png'), fullPage: true });
  });

  it('without the join link: the unverified notice, a new link on request, and the verify page that hands over the invitation', async () => {
    const inviter = await server.api.signUp('Otto Organiser');
    const address = `vic.verify.${stamp}@example.org`;
    const member = await server.api.signUp('Vic Verify', { email: address, verified: false });
    await server.api.ok(inviter.token, 'POST', '/invitations', { email: address });

    const page = await (await context()).newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(address);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    const notice = page.getByTestId('unverified-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(address);
    // Nothing reaches an address before it is proven.
    expect(await page.getByTestId('received-invitation').count()).toBe(0);
    await notice.getByRole('button', { name: 'Send the link again' }).click();
    await notice.getByText(`We sent a new link to ${address}.`).waitFor();

    // Opened signed out, the link asks to log in first and comes back.
    const link = linkIn(await mailTo(address, '/verify-email?'), '/verify-email');
    const other = await (await context()).newPage();
    await other.goto(link);
    await other.getByRole('button', { name: 'Log in' }).waitFor();
    expect(new URL(other.url()).searchParams.get('next')).toBe(link);
    await other.getByLabel('Email').fill(address);
    await other.getByLabel('Password').fill(PASSWORD);
    await other.getByRole('button', { name: 'Log in' }).click();
    await other.getByRole('heading', { name: 'Email address confirmed', level: 1 }).waitFor();
    expect(await other.getByRole('main').textContent()).toContain('One invitation sent to this address is now in your list.');
    expect(await other.getByTestId('unverified-notice').count()).toBe(0);
    await other.screenshot({ path: join(screenshots, 'newcomer-verified.png'), fullPage: true });
    await other.getByRole('button', { name: 'Go to your invitations' }).click();
    await other.getByTestId('received-invitation').filter({ hasText: 'Otto Organiser' }).waitFor();
    expect(member.email).toBe(address);
  });
});
