// The demo network `npm start` seeds (issue 22, "a lived-in demo"): the demo member's first screen,
// the received invitations, shows what the API answers for them, in a real browser at 1440 px.
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../src/cli/seed.js';
import { SCREENSHOTS } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, newContext, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('demo-network');

type Received = { id: string; sender: { id: string; name: string }; degree: 1 | 2 | 3 | null; note: string | null };

describe.skipIf(!hasChromium)('the demo network, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer({ env: { RAPPORT_DEMO: '1' } }), launchBrowser()]);
    context = await newContext(browser, server.baseUrl, 1440);
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('opens on a dozen invitations to answer, each as the API gives it, and an unread bell', async () => {
    const login = await server.api.ok<{ token: string }>(null, 'POST', '/auth/login', { email: DEMO_EMAIL, password: DEMO_PASSWORD });
    const received = await server.api.ok<{ items: Received[] }>(login.token, 'GET', '/invitations/received?status=pending&limit=50');
    const notifications = await server.api.ok<{ unreadCount: number }>(login.token, 'GET', '/notifications?limit=1');
    expect(received.items.length).toBeGreaterThanOrEqual(10);

    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'My Network', level: 1 }).waitFor();
    await page.getByTestId('received-invitation').first().waitFor();

    // The demo member's address counts as proven: no "confirm your email" notice on the first screen.
    expect(await page.getByTestId('unverified-notice').count()).toBe(0);
    const cards = page.getByTestId('received-invitation');
    expect(await cards.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-invitation-id')))).toEqual(received.items.map((item) => item.id));
    const degreeText = { 1: '1st', 2: '2nd', 3: '3rd' } as const;
    for (const [i, item] of received.items.entries()) {
      const card = cards.nth(i);
      expect(await card.locator('.member-name').textContent()).toBe(item.sender.name);
      expect(await card.getByTestId('degree-badge').textContent()).toBe(item.degree === null ? 'Out of network' : degreeText[item.degree]);
      if (item.note) expect(await card.locator('blockquote').textContent()).toBe(item.note);
    }
    // From 2nd and 3rd degree, and one from outside the network (the one that reads like spam).
    const degrees = received.items.map((item) => item.degree);
    expect(degrees).toContain(2);
    expect(degrees).toContain(3);
    expect(degrees).toContain(null);

    expect(notifications.unreadCount).toBeGreaterThan(0);
    expect(await page.getByTestId('bell-count').textContent()).toContain(String(notifications.unreadCount));

    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SCREENSHOTS, 'demo-invitations.png'), fullPage: true });
  });
});
