// My Network as members know it (issue 22): the counts on the page and in the top bar are the API's
// list totals, the Manage box leads to each list, and a newcomer with nothing yet is shown three ways
// to start (find people, import contacts, share the invite link) instead of an empty list.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, screenContext } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';
import { join } from 'node:path';

reportSkip('my-network-manage');

type Page_ = { items: unknown[]; nextCursor: string | null };

describe.skipIf(!hasChromium)('My Network counts, Manage box and newcomer welcome, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(member: ApiMember, width = 1440): Promise<Page> {
    const context = await screenContext(browser, server.baseUrl, width);
    contexts.push(context);
    return logInInBrowser(context, member.email);
  }
  const api = <T>(member: ApiMember, method: string, path: string, body?: unknown) => server.api.ok<T>(member.token, method, path, body);

  /** Every item of a list, page after page. */
  async function total(member: ApiMember, path: string): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    do {
      const sep: string = path.includes('?') ? '&' : '?';
      const page: Page_ = await api<Page_>(member, 'GET', `${path}${sep}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return count;
  }

  it('shows the pending, sent and connection totals the API lists, in the heading, the Manage box and the top bar', async () => {
    const [me, ...others] = await Promise.all(
      ['Maya Manage', 'Ada One', 'Bo Two', 'Cy Three', 'Di Four', 'Ed Five', 'Flo Six'].map((name) => server.api.signUp(name)),
    );
    const [ada, bo, cy, di, ed, flo] = others as [ApiMember, ApiMember, ApiMember, ApiMember, ApiMember, ApiMember];
    await server.api.connect(me!, ada);
    await server.api.connect(bo, me!);
    await server.api.connect(me!, cy);
    for (const sender of [di, ed]) await api(sender, 'POST', '/invitations', { recipientId: me!.id, email: me!.email, note: `Hello from ${sender.name}` });
    await api(me!, 'POST', '/invitations', { recipientId: flo.id, email: flo.email });

    const expected = {
      received: await total(me!, '/invitations/received'),
      sent: await total(me!, '/invitations/sent?status=pending'),
      connections: await total(me!, '/connections'),
    };
    expect(expected).toEqual({ received: 2, sent: 1, connections: 3 });

    const page = await pageAs(me!);
    await page.getByRole('heading', { name: 'My Network', level: 1 }).waitFor();
    const box = page.getByTestId('manage-network');
    await expect.poll(() => box.getByTestId('manage-received-count').innerText()).toBe(String(expected.received));
    expect(await box.getByTestId('manage-sent-count').innerText()).toBe(String(expected.sent));
    expect(await box.getByTestId('manage-connections-count').innerText()).toBe(String(expected.connections));
    expect(await page.getByTestId('invitations-heading').innerText()).toBe(`Invitations (${expected.received})`);
    expect(await page.getByTestId('nav-pending-count').innerText()).toBe(String(expected.received));
    // The nav link keeps its name; the count is its description.
    const navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My Network', exact: true });
    expect(await navLink.getAttribute('aria-describedby')).toBe('nav-pending-description');
    expect(await page.getByTestId('received-invitation').count()).toBe(expected.received);
    for (const [testid, path] of [['manage-received', '/'], ['manage-sent', '/sent'], ['manage-connections', '/connections'], ['manage-contacts', '/contacts'], ['manage-groups', '/groups']] as const) {
      expect(await box.getByTestId(testid).getAttribute('href')).toBe(path);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'my-network-manage.png'), fullPage: true });

    // Accepting one moves every count with the lists.
    await page.getByTestId('received-invitation').first().getByRole('button', { name: 'Accept' }).click();
    await page.getByTestId('answered-invitation').waitFor();
    const after = { received: await total(me!, '/invitations/received'), connections: await total(me!, '/connections') };
    expect(after).toEqual({ received: 1, connections: 4 });
    await expect.poll(() => page.getByTestId('invitations-heading').innerText()).toBe(`Invitations (${after.received})`);
    await expect.poll(() => box.getByTestId('manage-connections-count').innerText()).toBe(String(after.connections));
    await expect.poll(() => page.getByTestId('nav-pending-count').innerText()).toBe(String(after.received));

    // The Manage box leads to the list it counts.
    await box.getByTestId('manage-sent').click();
    await page.waitForURL((url) => url.pathname === '/sent');
  });

  it('a brand-new member sees a welcome with three ways to start, and "Import your contacts" opens the contacts page', async () => {
    const newcomer = await server.api.signUp('Nell Newcomer');
    expect([await total(newcomer, '/invitations/received'), await total(newcomer, '/connections')]).toEqual([0, 0]);
    const page = await pageAs(newcomer);
    const welcome = page.getByTestId('network-welcome');
    await welcome.waitFor();
    const links = welcome.getByRole('link');
    expect(await links.evaluateAll((as) => as.map((a) => [a.textContent?.trim(), a.getAttribute('href')]))).toEqual([
      ['Find people', '/search'],
      ['Import your contacts', '/contacts'],
      ['Share your invite link', '/invite-link'],
    ]);
    expect(await page.getByTestId('invitations-heading').innerText()).toBe('Invitations (0)');
    expect(await page.getByTestId('nav-pending-count').count()).toBe(0);
    // The suggestions panel, empty too, points somewhere as well.
    const suggestions = (await api<{ items: unknown[] }>(newcomer, 'GET', '/suggestions')).items;
    if (suggestions.length === 0) {
      const empty = page.getByTestId('suggestions-empty');
      expect(await empty.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/search', '/contacts']);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'my-network-empty.png'), fullPage: true });

    await welcome.getByRole('link', { name: 'Import your contacts' }).click();
    await page.waitForURL((url) => url.pathname === '/contacts');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).first().innerText()).toMatch(/contact/i);
  });
});
