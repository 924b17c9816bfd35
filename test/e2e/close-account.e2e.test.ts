import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './screen-shots.js';
import { ADMIN_EMAIL, PASSWORD, ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('close-account');

const DAY_MS = 24 * 60 * 60 * 1000;
const longDate = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric' });

/** Close your account (issue 24): the confirmation, closing, and signing in again to reopen. */
describe.skipIf(!hasChromium)('closing an account and reopening it, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer({ policy: { closeGraceDays: 10 } }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('says what will happen, closes with the password, and reopens on the next sign-in', async () => {
    const { api } = server;
    const [cora, dan] = [await api.signUp('Cora Closer', { headline: 'Analyst at Globex' }), await api.signUp('Dan Friend')];
    await api.connect(cora, dan);
    await api.ok(cora.token, 'POST', '/messages', { recipientId: dan.id, body: 'See you at the offsite?' });
    const { policy } = await api.ok<{ policy: { closeGraceDays: number } }>(dan.token, 'GET', '/policy');
    expect(policy.closeGraceDays).toBe(10);

    const context = await newContext(browser, server.baseUrl);
    contexts.push(context);
    const page = await logInInBrowser(context, cora.email);
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Close your account', level: 2 }).waitFor();
    await page.getByTestId('close-account-start').click();
    const confirm = page.getByTestId('close-account-confirm');
    await confirm.waitFor();
    // The grace period on screen is the policy's.
    expect(await page.getByTestId('close-account-grace').textContent()).toBe(`${policy.closeGraceDays} days`);
    expect(await confirm.textContent()).toContain('Nobody is told');
    await page.getByLabel('Your password').fill(PASSWORD);
    await page.screenshot({ path: join(SCREENSHOTS, 'close-account.png'), fullPage: false });
    await page.getByLabel('Your password').fill('not the password at all');
    await page.getByTestId('close-account-submit').click();
    await page.getByText('That is not your password. Your account stays open.').waitFor();
    expect((await api.call(dan.token, 'GET', `/members/${cora.id}`)).status).toBe(200);

    await page.getByLabel('Your password').fill(PASSWORD);
    const closedAt = Date.now();
    await page.getByTestId('close-account-submit').click();
    const notice = page.getByTestId('account-closed-notice');
    await notice.waitFor();
    // The sign-in page names the erase date the API answered: closeGraceDays from now.
    const eraseAfter = new URL(page.url()).searchParams.get('closed')!;
    expect(Math.abs(new Date(eraseAfter).getTime() - (closedAt + policy.closeGraceDays * DAY_MS))).toBeLessThan(60_000);
    expect(await notice.textContent()).toContain(longDate.format(new Date(eraseAfter)));
    await page.screenshot({ path: join(SCREENSHOTS, 'close-account-closed.png'), fullPage: false });
    // Hidden at once: the profile is gone for Dan, and so is the connection.
    expect((await api.call(dan.token, 'GET', `/members/${cora.id}`)).status).toBe(404);
    const danConnections = await api.ok<{ items: { member: { id: string } }[] }>(dan.token, 'GET', '/connections');
    expect(danConnections.items.map((item) => item.member.id)).not.toContain(cora.id);

    // Dan still reads the conversation, from "A former member", and cannot answer.
    const danContext = await newContext(browser, server.baseUrl);
    contexts.push(danContext);
    const danPage = await logInInBrowser(danContext, dan.email);
    const { items: conversations } = await api.ok<{ items: { member: { id: string; name: string } }[] }>(dan.token, 'GET', '/conversations');
    expect(conversations.find((c) => c.member.id === cora.id)?.member.name).toBe('A former member');
    await danPage.goto(`/messages/${cora.id}`);
    await danPage.getByTestId('former-member-notice').waitFor();
    const said = danPage.getByTestId('direct-message');
    expect(await said.count()).toBe(1);
    expect(await said.first().textContent()).toContain('A former member');
    expect(await said.first().textContent()).toContain('See you at the offsite?');
    expect(await danPage.getByRole('textbox').count()).toBe(0);
    await danPage.screenshot({ path: join(SCREENSHOTS, 'close-account-former-member.png'), fullPage: false });

    // Signing in again within the grace period reopens the account, and the screen says so.
    await page.getByLabel('Email').fill(cora.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('account-reopened-notice').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'close-account-reopened.png'), fullPage: false });
    await page.getByRole('button', { name: 'Continue to Rapport' }).click();
    await page.getByRole('heading', { name: 'My Network', level: 1 }).waitFor();
    expect((await api.call(dan.token, 'GET', `/members/${cora.id}`)).status).toBe(200);
  });

  it('lets an operator close the account of a member who asked by other means, from the admin screen', async () => {
    const { api } = server;
    const admin = await api.signUp('Ada Admin', { email: ADMIN_EMAIL });
    const [otto, viewer] = [await api.signUp('Otto Leaving'), await api.signUp('Vic Viewer')];
    const context = await newContext(browser, server.baseUrl);
    contexts.push(context);
    const page = await logInInBrowser(context, ADMIN_EMAIL);
    await page.goto('/admin');
    const panel = page.locator('#close-member');
    await panel.getByPlaceholder('Name or email address').fill(otto.email);
    await panel.getByRole('button', { name: 'Find' }).click();
    await panel.locator(`[data-member-id="${otto.id}"]`).getByRole('button', { name: 'Close account' }).click();
    await page.getByTestId('confirm-close-member').click();
    await panel.getByText(`The account of ${otto.email} is closed.`).waitFor();
    const { items } = await api.ok<{ items: { id: string; name: string; eraseAfter: string | null }[] }>(admin.token, 'GET', `/admin/members?q=${encodeURIComponent(otto.email)}`);
    expect(items).toEqual([expect.objectContaining({ id: otto.id, name: otto.name, eraseAfter: expect.any(String) })]);
    expect(await panel.getByTestId('member-closing').textContent()).toBe(`Closing: erased after ${longDate.format(new Date(items[0]!.eraseAfter!))}`);
    await panel.screenshot({ path: join(SCREENSHOTS, 'close-account-admin.png') });
    expect((await api.call(viewer.token, 'GET', `/members/${otto.id}`)).status).toBe(404);
    expect((await api.call(otto.token, 'GET', '/me')).status).toBe(401);
  });
});
