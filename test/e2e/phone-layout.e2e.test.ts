// Every screen at 375 × 667 (a small phone), signed in as a member with a lived-in network: no page
// wider than the screen (a long URL in a headline included), a one-row top bar of at most 64 px with
// the navigation behind a Menu button, the Connect dialog with its title and Send on screen, and on
// Sent the list before the panels. Screenshots: docs/screenshots/phone-*.png.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ensureWebBuilt, hasChromium, launchBrowser, PASSWORD, repoRoot, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('phone-layout');

const PHONE = { width: 375, height: 667 };
const TOP_BAR_MAX = 64;
const SCREENSHOTS = join(repoRoot, 'docs/screenshots');
// No hyphen in it: a browser breaks a line after a hyphen, never inside this.
const LONG_URL = 'https://portfolio.example.com/casestudies/clinical_onboarding_flows_for_multisite_hospital_networks_2026';

describe.skipIf(!hasChromium)('every screen at 375 × 667', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let pia: ApiMember;
  let lou: ApiMember;
  let carol: ApiMember;
  let olga: ApiMember;
  let otto: ApiMember;
  let admin: ApiMember;
  let fromLou: string;
  let groupId: string;
  let introductionId: string;
  let carolsLink: string;

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const { api } = server;
    const people = await Promise.all([
      api.signUp('Pia Phone', { headline: 'Product designer, mobile first' }),
      api.signUp('Lou Longword', { headline: `Research lead — see ${LONG_URL}` }),
      api.signUp('Carol Nguyen', { headline: 'Engineering manager at Lumen Health' }),
      api.signUp('Lena Fischer', { headline: 'UX researcher' }),
      api.signUp('Olga Ortiz', { headline: 'Data engineer' }),
      api.signUp('Otto Outsider', { headline: 'Nobody you know yet' }),
      api.signUp('Sam Sender', { headline: 'Recruiter' }),
      api.signUp('Admin Operator', { email: ADMIN_EMAIL, headline: 'Community operator' }),
      api.signUp('Nick Newman', { headline: 'Staff engineer' }),
    ]);
    const [p, l, c, lena, o, ot, sam, a, nick] = people as ApiMember[];
    [pia, lou, carol, olga, otto, admin] = [p!, l!, c!, o!, ot!, a!];
    await api.connect(carol, pia);
    await api.connect(lena!, pia);
    await api.connect(carol, nick!);
    fromLou = await api.invite(lou, pia, { note: `Loved your talk. My write-up: ${LONG_URL} — would be glad to connect.` });
    await api.invite(sam!, pia);
    await api.invite(pia, olga, { note: 'We met at the data meetup.' });
    const withdrawn = await api.invite(pia, nick!);
    await api.ok(pia.token, 'POST', `/invitations/${withdrawn}/withdraw`);
    groupId = (await api.ok<{ group: { id: string } }>(pia.token, 'POST', '/me/groups', { name: 'Mobile Product Circle' })).group.id;
    introductionId = (
      await api.ok<{ introduction: { id: string } }>(lena!.token, 'POST', '/introductions', {
        introducerId: pia.id,
        targetId: carol.id,
        messageToIntroducer: `Pia, could you introduce me to Carol? Background: ${LONG_URL}`,
        messageToTarget: 'Hi Carol, could I ask you about on-call tooling?',
      })
    ).introduction.id;
    await api.ok(pia.token, 'POST', '/messages', { recipientId: carol.id, body: `Here is the deck: ${LONG_URL}` });
    await api.ok(carol.token, 'POST', '/messages', { recipientId: pia.id, body: 'Thanks, reading it tonight.' });
    carolsLink = (await api.ok<{ token: string }>(carol.token, 'GET', '/me/invite-link')).token;
    await api.ok(null, 'POST', '/_test/run-due');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function phone(member: ApiMember | null): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    if (member) {
      const login = await context.request.post('/api/v1/auth/login', { data: { email: member.email, password: PASSWORD, session: 'cookie' } });
      expect(login.status()).toBe(200);
    }
    return context.newPage();
  }

  /** Opens `path`, waits for its heading and data, and answers the page's width and the top bar's height. */
  async function visit(page: Page, path: string): Promise<{ scrollWidth: number; topBar: number | null; heading: string }> {
    await page.goto(path);
    const heading = page.locator('h1').first();
    await heading.waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByText('Loading…', { exact: true }).waitFor({ state: 'detached' }).catch(() => undefined);
    return page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      topBar: document.querySelector('.topbar')?.getBoundingClientRect().height ?? null,
      heading: document.querySelector('h1')?.textContent ?? '',
    }));
  }

  /** Inside the viewport, whole. */
  async function onScreen(page: Page, selector: ReturnType<Page['locator']>): Promise<boolean> {
    const box = await selector.boundingBox();
    if (!box) return false;
    return box.y >= 0 && box.x >= 0 && box.y + box.height <= PHONE.height && box.x + box.width <= PHONE.width;
  }

  it('no signed-in screen is wider than 375 px, and the top bar is one row of at most 64 px', async () => {
    const page = await phone(pia);
    // Every route of web/src/app/routes.tsx, with an id where it takes one.
    const routes = [
      '/',
      '/invitations',
      `/invitations/${fromLou}`,
      '/sent',
      '/connections',
      '/search?q=Carol',
      '/groups',
      `/groups/${groupId}`,
      '/contacts',
      '/invite-link',
      `/invite/${carolsLink}`,
      '/introductions',
      `/introductions/${introductionId}`,
      '/messages',
      `/messages/${carol.id}`,
      '/follows',
      '/settings',
      '/standing',
      '/notifications',
      `/members/${lou.id}`,
      `/members/${pia.id}`,
      '/verify-email',
      '/welcome',
      '/no-such-page',
    ];
    const measured: Array<{ path: string; scrollWidth: number; topBar: number | null; heading: string }> = [];
    for (const path of routes) measured.push({ path, ...(await visit(page, path)) });
    for (const m of measured) {
      expect([m.path, m.heading.length > 0, m.scrollWidth <= PHONE.width]).toEqual([m.path, true, true]);
      expect([m.path, m.topBar !== null && m.topBar <= TOP_BAR_MAX]).toEqual([m.path, true]);
    }
    // One invitation from Lou: his name and headline keep a readable width beside the status badge.
    await visit(page, `/invitations/${fromLou}`);
    const name = page.locator('.invitation-detail .member-name');
    expect((await name.boundingBox())!.width).toBeGreaterThan(100);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-invitation.png'), fullPage: true });

    await visit(page, `/members/${lou.id}`);
    // The long URL in Lou's headline is on the page, wrapped inside it.
    const profile = await server.api.ok<{ member: { headline: string } }>(pia.token, 'GET', `/members/${lou.id}`);
    const headline = page.getByText(profile.member.headline, { exact: true }).first();
    expect(await headline.isVisible()).toBe(true);
    const box = (await headline.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-profile-long-headline.png'), fullPage: true });
    // The control: without the wrapping rule, that URL would widen the page (the trap is real).
    // (Set through the DOM: the CSP refuses an inline <style>.)
    const unwrapped = await page.evaluate(() => {
      document.body.style.setProperty('overflow-wrap', 'normal');
      const width = document.documentElement.scrollWidth;
      document.body.style.removeProperty('overflow-wrap');
      return width;
    });
    expect(unwrapped).toBeGreaterThan(PHONE.width);

    // The admin's screen too (it adds a tenth menu entry).
    const adminPage = await phone(admin);
    const adminScreen = await visit(adminPage, '/admin');
    expect(adminScreen.scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(adminScreen.topBar).toBeLessThanOrEqual(TOP_BAR_MAX);
  });

  it('signed out: log in, sign up and a shared invite link fit the screen', async () => {
    const page = await phone(null);
    for (const path of ['/login', '/signup', `/invite/${carolsLink}`]) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect([path, width <= PHONE.width]).toEqual([path, true]);
    }
  });

  it('the navigation sits behind a Menu button that lists every entry and closes once one is chosen', async () => {
    const page = await phone(pia);
    await visit(page, '/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await onScreen(page, menu)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-received.png') });
    // The received invitations are the API's.
    const received = await server.api.ok<{ items: Array<{ sender: { name: string } }> }>(pia.token, 'GET', '/invitations/received?status=pending');
    const main = (await page.getByRole('main').textContent()) ?? '';
    for (const item of received.items) expect(main).toContain(item.sender.name);

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.waitFor();
    for (const label of ['Sent', 'Connections', 'Messages', 'Search', 'Settings']) expect(await nav.getByRole('link', { name: label, exact: true }).isVisible()).toBe(true);
    expect(await nav.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-menu-open.png') });
    await nav.getByRole('link', { name: 'Sent', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sent invitations' }).waitFor();
    await nav.waitFor({ state: 'hidden' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // Escape closes it and gives focus back to the button.
    await menu.click();
    await nav.waitFor();
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    expect(await menu.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('on Sent, the list comes before the limits and Tidy up', async () => {
    const page = await phone(pia);
    await visit(page, '/sent');
    const sent = await server.api.ok<{ items: Array<{ recipient: { name: string } | null; status: string }> }>(pia.token, 'GET', '/invitations/sent?status=pending');
    const list = page.getByTestId('sent-list');
    await list.waitFor();
    for (const item of sent.items) expect(await list.textContent()).toContain(item.recipient!.name);
    const listTop = (await list.boundingBox())!.y;
    const tidyTop = (await page.getByRole('heading', { name: 'Tidy up' }).boundingBox())!.y;
    const limitsTop = (await page.locator('#quota-title').boundingBox())!.y;
    expect(listTop).toBeLessThan(tidyTop);
    expect(listTop).toBeLessThan(limitsTop);
    expect(listTop).toBeLessThan(PHONE.height);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-sent.png') });
  });

  it('the Connect dialog keeps its title and Send on screen, the body scrolling between them', async () => {
    const page = await phone(pia);
    // Otto is outside Pia's network: the dialog asks for his address as well, its longest form.
    await visit(page, `/members/${otto.id}`);
    const relationship = await server.api.ok<{ relationship: { canInvite: { requiresEmail: boolean } } }>(pia.token, 'GET', `/members/${otto.id}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite Otto Outsider to connect' });
    await dialog.waitFor();
    const send = dialog.getByRole('button', { name: 'Send invitation' });
    const title = dialog.getByRole('heading', { name: 'Invite Otto Outsider to connect' });
    expect(await dialog.getByLabel("Otto's email address").count()).toBe(relationship.relationship.canInvite.requiresEmail ? 1 : 0);
    expect(await onScreen(page, send)).toBe(true);
    expect(await onScreen(page, title)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-connect-dialog.png') });

    // Scrolled to its end, the title is still there; Send too.
    await dialog.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    expect(await onScreen(page, title)).toBe(true);
    expect(await onScreen(page, send)).toBe(true);

    // A refusal shows on screen: Send without the address he needs.
    if (relationship.relationship.canInvite.requiresEmail) {
      await dialog.evaluate((element) => element.scrollTo(0, 0));
      await send.click();
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      expect(await onScreen(page, alert)).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('the bell\'s panel, Mark all read included, fits the screen', async () => {
    const page = await phone(pia);
    await visit(page, '/');
    await page.getByTestId('bell').click();
    const markAll = page.getByRole('button', { name: 'Mark all read' });
    await markAll.waitFor();
    expect(await onScreen(page, markAll)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
