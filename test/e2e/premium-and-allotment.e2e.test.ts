import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, repoRoot, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('premium-and-allotment');

const SCREENSHOTS = join(repoRoot, 'docs/screenshots');

describe.skipIf(!hasChromium)('premium and allotment requests, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function pageFor(email: string): Promise<Page> {
    const context = await newContext(browser, server.baseUrl);
    contexts.push(context);
    return logInInBrowser(context, email);
  }

  const runDue = () => server.api.ok(null, 'POST', '/_test/run-due');

  it('an admin grants Premium on the admin screen; the member sees the new limit and InMail credits, asks for more invitations, and learns each outcome on screen and in the bell', async () => {
    const admin = await server.api.signUp('Ada Admin', { email: ADMIN_EMAIL });
    const member = await server.api.signUp('Mia Member', { headline: 'Recruiter at Northwind' });
    type Me = { member: { tier: string }; quota: { monthlyLimit: number; monthlyUsed: number } };
    type Allowances = { inmail: { limit: number; used: number; remaining: number } };
    const freeMe = await server.api.ok<Me>(member.token, 'GET', '/me');
    expect(freeMe.member.tier).toBe('free');

    // The admin finds the member and grants Premium.
    const adminPage = await pageFor(admin.email);
    await adminPage.getByRole('link', { name: 'Admin', exact: true }).click();
    const panel = adminPage.locator('#member-tier');
    await panel.getByLabel('Name or email address').fill('Mia Memb');
    await panel.getByRole('button', { name: 'Find' }).click();
    const row = panel.getByTestId('tier-results').locator(`[data-member-id="${member.id}"]`);
    await row.getByText(member.email).waitFor();
    expect(await row.getByTestId('tier-badge').textContent()).toBe('Free');
    await row.getByRole('button', { name: 'Grant Premium' }).click();
    await panel.getByText('Mia Member now has Premium').waitFor();
    expect(await row.getByTestId('tier-badge').textContent()).toBe('Premium');
    await row.getByRole('button', { name: 'Back to Free' }).waitFor();

    const me = await server.api.ok<Me>(member.token, 'GET', '/me');
    const allowances = await server.api.ok<Allowances>(member.token, 'GET', '/me/allowances');
    expect([me.member.tier, me.quota.monthlyLimit, allowances.inmail.limit]).toEqual(['premium', 1000, 5]);
    // What the admin screen says the tier gives is what the member's account now has.
    expect(await row.textContent()).toContain(`${me.quota.monthlyLimit} invitations a month · ${allowances.inmail.limit} InMail credits a month`);
    await panel.scrollIntoViewIfNeeded();
    await adminPage.screenshot({ path: join(SCREENSHOTS, 'premium-admin.png') });

    // The member sees the tier, the limit and the credits on their standing page.
    const memberPage = await pageFor(member.email);
    await memberPage.goto('/standing');
    const plan = memberPage.getByTestId('plan-panel');
    await plan.getByTestId('plan-tier').getByText('Premium').waitFor();
    await plan.getByText(`${me.quota.monthlyUsed} of ${me.quota.monthlyLimit}`).waitFor();
    await plan.getByText(`${allowances.inmail.used} of ${allowances.inmail.limit}`).waitFor();
    await plan.getByText(`Your monthly limit is ${me.quota.monthlyLimit}.`).waitFor();
    // And beside their invitation limits on the Sent page.
    await memberPage.goto('/sent');
    const limits = memberPage.getByRole('region', { name: 'Your invitation limits' });
    await limits.getByTestId('quota-plan').getByText('Premium plan').waitFor();
    await limits.getByText(`${me.quota.monthlyUsed} of ${me.quota.monthlyLimit}`).waitFor();
    await memberPage.goto('/standing');
    await plan.waitFor();

    // The member asks for more invitations twice; the admin denies the first and grants the second.
    const ask = async (reason: string) => {
      await memberPage.getByLabel('Need more? Tell an administrator why').fill(reason);
      await memberPage.getByRole('button', { name: 'Send request' }).click();
      await memberPage.getByTestId('allotment-requests').getByText(reason).waitFor();
    };
    await ask('Hiring for our new Lisbon office');
    const requests = memberPage.getByTestId('allotment-requests');
    expect(await requests.locator('li').first().getAttribute('data-status')).toBe('pending');
    await requests.getByText('Waiting').waitFor();

    await adminPage.reload();
    const first = adminPage.locator('li.card.request').filter({ hasText: 'Hiring for our new Lisbon office' });
    await first.getByRole('button', { name: 'Deny' }).click();
    await adminPage.getByText('Request denied.').waitFor();

    await ask('Organising the alumni reunion');
    await adminPage.reload();
    const second = adminPage.locator('li.card.request').filter({ hasText: 'Organising the alumni reunion' });
    await second.getByLabel('Invitations to grant Mia Member').fill('50');
    await second.getByRole('button', { name: 'Grant' }).click();
    await adminPage.getByText('Granted 50 invitations to Mia Member.').waitFor();

    // The outcomes, as the API gives them and as the member's screen shows them.
    type Request = { id: string; reason: string; status: string; grantedCount: number | null };
    const own = await server.api.ok<{ items: Request[] }>(member.token, 'GET', '/me/allotment-requests');
    expect(own.items.map((r) => [r.reason, r.status, r.grantedCount])).toEqual([
      ['Organising the alumni reunion', 'granted', 50],
      ['Hiring for our new Lisbon office', 'denied', null],
    ]);
    await runDue();
    await memberPage.reload();
    for (const request of own.items) {
      const card = memberPage.getByTestId('allotment-requests').locator(`[data-request-id="${request.id}"]`);
      await card.getByText(request.reason).waitFor();
      expect(await card.getAttribute('data-status')).toBe(request.status);
    }
    await memberPage.getByText('50 invitations added on').waitFor();
    await memberPage.getByText('Not granted', { exact: true }).waitFor();

    // And in the bell.
    await memberPage.getByTestId('bell-count').waitFor();
    await memberPage.getByTestId('bell').click();
    const bell = memberPage.getByRole('region', { name: 'Notifications' });
    await bell.getByText('You now have Premium.').waitFor();
    await bell.getByText('An administrator added 50 invitations to your allotment.').waitFor();
    await bell.getByText('Your request for more invitations was not granted.').waitFor();
    await memberPage.keyboard.press('Escape');

    // A full-page picture from the top, so the sticky top bar stays at the top.
    await memberPage.evaluate(() => window.scrollTo(0, 0));
    await memberPage.screenshot({ path: join(SCREENSHOTS, 'allotment-requests.png'), fullPage: true });
  });
});
