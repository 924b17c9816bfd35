// What a member's browser downloads to open Rapport: the JavaScript of the first load of `/`,
// signed in, as it crosses the wire (compressed), measured in Chromium. docs/performance.md
// (page-weight section) records the numbers.
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, hasChromium, launchBrowser, PASSWORD, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('page-weight');

/** The most JavaScript the first load may transfer. */
const FIRST_LOAD_JS_BUDGET = 200 * 1024;

interface ScriptLoad {
  url: string;
  transferred: number;
  encoding: string | undefined;
  cacheControl: string | undefined;
}

describe.skipIf(!hasChromium)('page weight in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens `path` in a fresh browser (empty cache) signed in as the member; answers every script it fetched. */
  async function firstLoad(email: string, path: string): Promise<{ scripts: ScriptLoad[]; text: string; fromPerformance: number }> {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } });
    try {
      const login = await context.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD, session: 'cookie' } });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      const responses: Response[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') responses.push(response);
      });
      await page.goto(path, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const scripts: ScriptLoad[] = [];
      for (const response of responses) {
        const headers = await response.allHeaders();
        scripts.push({
          url: new URL(response.url()).pathname,
          transferred: (await response.request().sizes()).responseBodySize,
          encoding: headers['content-encoding'],
          cacheControl: headers['cache-control'],
        });
      }
      // The page's own account of it (Resource Timing), as a cross-check of the protocol's numbers.
      const fromPerformance = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
          .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0),
      );
      return { scripts, text: (await page.getByRole('main').textContent()) ?? '', fromPerformance };
    } finally {
      await context.close();
    }
  }

  it(`transfers at most ${FIRST_LOAD_JS_BUDGET / 1024} KB of JavaScript on the first load of /, compressed and cached for good`, async () => {
    const { api } = server;
    const member = await api.signUp('Wren Weight', { headline: 'Measures things' });
    const sender = await api.signUp('Sid Sender', { headline: 'Sends invitations' });
    await api.invite(sender, member, { note: 'We met at the performance meetup.' });
    const received = await api.ok<{ items: Array<{ sender: { name: string } }> }>(member.token, 'GET', '/invitations/received');

    const { scripts, text, fromPerformance } = await firstLoad(member.email, '/');
    // Signed in, on the received invitations, showing what the API has for this member.
    expect(received.items.length).toBeGreaterThan(0);
    for (const item of received.items) expect(text).toContain(item.sender.name);

    const total = scripts.reduce((sum, script) => sum + script.transferred, 0);
    console.log(`[page-weight] first load of / signed in: ${scripts.length} scripts, ${total} B transferred (Resource Timing: ${fromPerformance} B)`);
    for (const script of scripts) console.log(`[page-weight]   ${script.url}: ${script.transferred} B (${script.encoding ?? 'identity'})`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
    expect(fromPerformance).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
    for (const script of scripts) {
      expect([script.url, script.encoding]).toEqual([script.url, 'br']);
      expect([script.url, script.cacheControl]).toEqual([script.url, 'public, max-age=31536000, immutable']);
    }
  });

  it('fetches a feature page\'s code only when that page is opened', async () => {
    const member = await server.api.signUp('Sam Split');
    const onSent = await firstLoad(member.email, '/sent');
    const onHome = await firstLoad(member.email, '/');
    const sentOnly = onSent.scripts.filter((script) => /\/sent-page-[\w-]+\.js$/.test(script.url));
    expect(sentOnly).toHaveLength(1);
    expect(onHome.scripts.some((script) => /\/sent-page-[\w-]+\.js$/.test(script.url))).toBe(false);
  });
});
