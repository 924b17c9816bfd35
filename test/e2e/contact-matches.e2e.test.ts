import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('contact-matches');

/** An uploaded address list cannot tell who is a member faster than `contactMembersShownPerDay`; the screen says why. */
describe.skipIf(!hasChromium)('member matches of imported contacts, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer({ policy: { contactMembersShownPerDay: 1 } }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it("past the day's matches, the report says so and the list holds the rest back", async () => {
    const { api } = server;
    const [ula, one, two] = await Promise.all([api.signUp('Ula Uploader'), api.signUp('Ona Member'), api.signUp('Tim Member')]);
    const context = await newContext(browser, server.baseUrl);
    contexts.push(context);
    const page = await logInInBrowser(context, ula.email);
    await page.goto('/contacts');
    const file = `Name,Email\nOna Member,${one.email}\nTim Member,${two.email}\nNo Member,nobody.${Date.now()}@example.org\n`;
    await page.getByLabel('Contact file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.getByTestId('import-report').waitFor();

    const { policy } = await api.ok<{ policy: { contactMembersShownPerDay: number } }>(ula.token, 'GET', '/policy');
    const listed = await api.ok<{ items: Array<{ member: { id: string } | null }> }>(ula.token, 'GET', '/contacts');
    const shown = listed.items.filter((item) => item.member !== null).length;
    expect(shown).toBe(policy.contactMembersShownPerDay);
    expect(await page.getByTestId('import-report').textContent()).toContain(`${shown} already on Rapport`);
    expect(await page.getByTestId('member-matches-used').textContent()).toContain(`today's ${policy.contactMembersShownPerDay} matches`);
    await page.getByTestId('member-contacts').getByTestId('contact').first().waitFor();
    expect(await page.getByTestId('member-contacts').getByTestId('contact').count()).toBe(shown);
  });
});
