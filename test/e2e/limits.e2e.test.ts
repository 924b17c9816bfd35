import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('limits');

describe.skipIf(!hasChromium)('sending limits in a real browser', () => {
  // One server for both rules: a challenge after the first send of a day, five sends a month.
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer({ policy: { captchaAfterPerDay: 1, monthlyLimit: 5 } }), launchBrowser()]);
    console.log(`[e2e] limits: server ready in ${server.startupMs} ms`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function context(): Promise<BrowserContext> {
    const created = await newContext(browser, server.baseUrl);
    contexts.push(created);
    return created;
  }

  it('past captchaAfterPerDay the member ticks "I\'m a person", the browser does the policy\'s work, and the send goes through', async () => {
    const { api } = server;
    const [sam, first, second, friend] = await Promise.all([
      api.signUp('Sam Sender'),
      api.signUp('Tia First'),
      api.signUp('Uma Second', { headline: 'Architect' }),
      api.signUp('Vic Friend'),
    ]);
    // Each of these is its sender's first send today, so no challenge yet.
    await api.connect(friend, sam);
    await api.connect(second, friend);
    await api.invite(sam, first); // the one send allowed without a challenge today

    const page = await logInInBrowser(await context(), sam.email);
    await page.goto(`/members/${second.id}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('How do you know Uma?').selectOption('business');
    await dialog.getByLabel('Message').fill('Uma, Vic introduced us at the architecture review last month.');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    // Nothing is sent until the member answers the check.
    const check = dialog.getByTestId('person-check');
    await check.waitFor();
    await dialog.screenshot({ path: join(SCREENSHOTS, 'person-check.png') });
    expect((await api.ok<{ items: unknown[] }>(sam.token, 'GET', '/invitations/sent')).items).toHaveLength(1);
    const started = Date.now();
    await check.getByLabel("I'm a person, not a script").check();
    await dialog.getByText('Invitation sent.').waitFor({ timeout: 60_000 });
    const { policy } = await api.ok<{ policy: { captchaMaxNumber: number } }>(sam.token, 'GET', '/policy');
    console.log(`[e2e] captcha: the check (captchaMaxNumber ${policy.captchaMaxNumber.toLocaleString('en')}) passed and the invitation was sent in ${Date.now() - started} ms`);
    expect(await dialog.getByTestId('captcha-status').textContent()).toContain('confirmed you are a person');

    const sent = await api.ok<{ items: Array<{ recipient: { id: string } | null }> }>(sam.token, 'GET', '/invitations/sent');
    expect(sent.items.map((item) => item.recipient?.id)).toContain(second.id);
  });

  it('at 80 % of the monthly limit the Sent page warns; past it, the refusal names the reset date', async () => {
    const { api } = server;
    const quinn = await api.signUp('Quinn Quota');
    const others = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => api.signUp(`Person ${n}`)));
    for (const other of others.slice(0, 4)) await api.invite(quinn, other);

    const page = await logInInBrowser(await context(), quinn.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sent', exact: true }).click();
    const warning = page.getByTestId('quota-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('4 of your 5 invitations this month');
    expect(await page.locator('.meter[data-warn="true"]').count()).toBeGreaterThan(0);

    await api.invite(quinn, others[4]!);
    // Person 6 is outside Quinn's network: the dialog asks for the email address up front, and the
    // send is then refused with the date the month starts again.
    await page.goto(`/members/${others[5]!.id}`);
    await page.getByRole('heading', { name: 'Person 6', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel("Person's email address").fill(others[5]!.email);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    const refusal = await dialog.getByRole('alert').textContent();
    expect(refusal).toMatch(/You have used your invitations for this month\. You can send more on \w+ \d+, \d{4}\./);
  });
});
