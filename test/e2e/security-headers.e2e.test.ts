import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, hasChromium, launchBrowser, newContext, reportSkip, signUpInBrowser, startServer, type RunningServer } from './support.js';

reportSkip('security headers');

/** Every CSP violation a page reports, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}

describe.skipIf(!hasChromium)('security headers in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    console.log(`[e2e] security headers: server ready in ${server.startupMs} ms`);
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

  it('the web app loads and works under its CSP with no violation', async () => {
    const ctx = await context();
    const probe = await ctx.newPage();
    const violations = await watchViolations(probe);
    const answer = await probe.goto('/login');
    const csp = answer?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    await probe.getByRole('button', { name: 'Log in' }).waitFor();
    await probe.close();

    // A whole sign-up through the form, then a few screens, all under the policy.
    const page = await signUpInBrowser(ctx, 'Cora Policy', `cora.${Date.now()}@example.com`);
    const pageViolations = await watchViolations(page);
    for (const path of ['/connections', '/settings', '/invitations']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    expect([...violations, ...pageViolations]).toEqual([]);
  });

  it('the API docs and a mail page render under their own policies with no violation', async () => {
    const page = await (await context()).newPage();
    const violations = await watchViolations(page);
    await page.goto('/docs');
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Rapport API');
    const mail = await page.goto('/mail/accept?token=not-a-token');
    expect(mail?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The page's own <style> block applied: the card is white on the grey page.
    expect(await page.locator('main').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(violations).toEqual([]);
  });

  it('another site cannot frame the app', async () => {
    const page = await (await context()).newPage();
    await page.setContent(`<iframe id="framed" src="${server.baseUrl}/login" width="600" height="400"></iframe>`);
    await page.waitForTimeout(1_500);
    const framed = page.frames().find((frame) => frame !== page.mainFrame());
    const heading = framed ? await framed.locator('button', { hasText: 'Log in' }).count().catch(() => 0) : 0;
    expect(heading).toBe(0);
  });
});
