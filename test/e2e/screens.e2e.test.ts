// Screenshots of every screen at phone and desktop widths (docs/screenshots/), and an axe-core
// accessibility pass over each when axe-core is installed.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ensureWebBuilt, hasChromium, launchBrowser, PASSWORD, repoRoot, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('screens');

const WIDTHS = [375, 1440] as const;
const OUT = join(repoRoot, 'docs/screenshots');
const AXE = join(repoRoot, 'node_modules/axe-core/axe.min.js');
// One scan per screen: the markup and colours are the same at both widths, and the suite runs on
// two CPUs. The desktop width is scanned because it shows every control at once.
const SCANNED_WIDTH = 1440;

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

describe.skipIf(!hasChromium)('screens', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let maya: ApiMember;
  let ravi: ApiMember;
  let rex: ApiMember;
  let admin: ApiMember;
  let noor: ApiMember;
  let toSofia: string;
  let receiver: Server;
  const violations: Array<{ screen: string; violation: AxeViolation }> = [];
  const scanned: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(OUT, { recursive: true });
    // A webhook endpoint that takes every delivery, so the admin's delivery log has something in it.
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const { api } = server;
    const people = await Promise.all([
      api.signUp('Maya Patel', { headline: 'Product manager at Lumen Health' }),
      api.signUp('Ravi Menon', { headline: 'Staff engineer, payments infrastructure' }),
      api.signUp('Lena Fischer', { headline: 'UX researcher' }),
      api.signUp('Omar Haddad', { headline: 'Founder, Tideline Analytics' }),
      api.signUp('Carol Nguyen', { headline: 'Engineering manager at Lumen Health' }),
      api.signUp('Dev Sharma', { headline: 'Data engineer' }),
      api.signUp('Sofia Rossi', { headline: 'Design lead' }),
      api.signUp('Tom Becker', { headline: 'Recruiter' }),
      api.signUp('Ji-woo Park', { headline: 'Mobile developer' }),
      api.signUp('Rex Blast', { headline: 'Growth at ScaleFast' }),
      api.signUp('Admin Operator', { email: ADMIN_EMAIL, headline: 'Community operator' }),
      api.signUp('Spam Bot'),
      api.signUp('Nina Brooks', { headline: 'Clinical data scientist at Lumen Health' }),
      api.signUp('Paulo Reis', { headline: 'iOS engineer' }),
      api.signUp('Noor Khalil'),
    ]);
    const [m, r, lena, omar, carol, dev, sofia, tom, ji, x, a, bot, nina, paulo, n] = people as [ApiMember, ...ApiMember[]] as ApiMember[];
    maya = m!;
    ravi = r!;
    rex = x!;
    admin = a!;
    noor = n!;
    await api.connect(carol!, maya);
    await api.connect(dev!, maya);
    await api.connect(carol!, ravi);
    await api.connect(dev!, ravi);
    await api.connect(carol!, sofia!);
    // People Maya may know: friends of Carol and Dev she has no invitation with.
    await api.connect(carol!, nina!);
    await api.connect(dev!, nina!);
    await api.connect(dev!, paulo!);
    await api.ok(nina!.token, 'POST', '/me/positions', { company: 'Lumen Health', title: 'Data scientist', startYear: 2020 });
    await api.ok(ravi.token, 'POST', '/me/positions', { company: 'Northwind Pay', title: 'Staff engineer', startYear: 2019 });
    await api.ok(ravi.token, 'POST', '/me/positions', { company: 'Lumen Health', title: 'Senior engineer', startYear: 2015, endYear: 2019 });
    await api.ok(ravi.token, 'POST', '/me/education', { school: 'IIT Madras', degree: 'B.Tech, Computer Science' });
    await api.ok(ravi.token, 'PUT', '/me/skills', { skills: ['Distributed systems', 'PostgreSQL', 'Go', 'Mentoring'] });
    await api.ok(maya.token, 'PATCH', '/me', { location: 'Lisbon, Portugal' });
    await api.ok(maya.token, 'POST', '/me/positions', { company: 'Lumen Health', title: 'Product manager', startYear: 2021 });
    await api.ok(maya.token, 'PUT', '/me/skills', { skills: ['Product discovery', 'Healthcare', 'SQL'] });

    await api.invite(omar!, maya, { note: 'Hi Maya, we sat on the same panel at HealthTech Lisbon. Would be glad to keep in touch.', howWeMet: 'business' });
    await api.invite(lena!, maya);
    await api.invite(ravi, maya, { note: 'Maya! Carol mentioned you are hiring for the care-team app. I worked on Lumen payments years ago.', howWeMet: 'colleague' });
    toSofia = await api.invite(maya, sofia!, { note: 'Sofia, loved your talk on design systems.', howWeMet: 'other' });
    await api.ok(sofia!.token, 'POST', `/invitations/${toSofia}/reply`, { message: 'Thanks Maya! Happy to talk first: coffee next week?' });
    const toTom = await api.invite(maya, tom!);
    await api.ok(maya.token, 'POST', `/invitations/${toTom}/withdraw`);
    const toJi = await api.invite(maya, ji!, { howWeMet: 'friend' });
    await api.ok(ji!.token, 'POST', `/invitations/${toJi}/accept`);
    await api.ok(maya.token, 'POST', '/blocks', { memberId: bot!.id });

    // Rex asks for more invitations, then five recipients report him (a restricted member can no longer ask).
    await api.ok(rex.token, 'POST', '/me/allotment-requests', { reason: 'I run meetups and invite attendees I met in person afterwards.' });
    const recipients = await Promise.all([1, 2, 3, 4, 5].map((n) => api.signUp(`Stranger ${n}`)));
    for (const recipient of recipients) {
      const id = await api.invite(rex, recipient);
      await api.ok(recipient.token, 'POST', `/invitations/${id}/report`, { reason: 'spam' });
    }

    // Webhooks: one endpoint that answers, one that nothing listens at.
    const port = (receiver.address() as AddressInfo).port;
    await api.ok(admin.token, 'POST', '/admin/webhooks', { url: `http://127.0.0.1:${port}/hooks/rapport`, events: ['invitation.sent', 'invitation.accepted'] });
    await api.ok(admin.token, 'POST', '/admin/webhooks', { url: 'http://127.0.0.1:9/crm-sync', events: ['*'] });
    await api.invite(omar!, noor);

    // Deliver what all this caused: notifications, mail, webhooks.
    await api.ok(null, 'POST', '/_test/run-due');
    // Maya has read the two oldest, so the screens show both states.
    const { items } = await api.ok<{ items: Array<{ id: string }> }>(maya.token, 'GET', '/notifications');
    for (const item of items.slice(-2)) await api.ok(maya.token, 'POST', `/notifications/${item.id}/read`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    if (violations.length > 0) {
      console.log(`[e2e] axe: ${violations.length} violations`);
      for (const { screen, violation } of violations) {
        console.log(`  ${screen}: [${violation.impact}] ${violation.id} — ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      }
    }
  });

  async function pageAs(member: ApiMember | null, width: number): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height: width < 600 ? 812 : 900 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    // axe-core in every document of the scanned contexts: far cheaper than injecting 550 kB per screen.
    if (width === SCANNED_WIDTH && existsSync(AXE)) await context.addInitScript({ path: AXE });
    const page = await context.newPage();
    if (member) {
      // A cookie session through the same call the log-in form makes.
      const status = await page.request
        .post('/api/v1/auth/login', { data: { email: member.email, password: PASSWORD, session: 'cookie' } })
        .then((r) => r.status());
      expect(status).toBe(200);
    }
    return page;
  }

  async function shoot(page: Page, name: string, width: number): Promise<void> {
    // From the top, so the sticky top bar is where it belongs in the full-page image.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      return document.fonts.ready;
    });
    await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
    if (width === SCANNED_WIDTH && existsSync(AXE)) {
      const found = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations as AxeViolation[];
      });
      for (const violation of found) violations.push({ screen: name, violation });
      scanned.push(name);
    }
  }

  // Both widths at once: each walk mostly waits on the server and the browser, so they overlap well.
  for (const width of WIDTHS) {
    it.concurrent(`every screen at ${width} px`, { timeout: 240_000 }, async () => {
      const anonymous = await pageAs(null, width);
      await anonymous.goto('/login');
      await anonymous.getByRole('heading', { name: 'Log in' }).waitFor();
      await shoot(anonymous, 'login', width);
      await anonymous.goto('/signup');
      await anonymous.getByRole('heading', { name: 'Create your account' }).waitFor();
      await shoot(anonymous, 'signup', width);

      // The first-run profile step, for someone who just signed up.
      const newcomer = await pageAs(noor, width);
      await newcomer.goto('/welcome');
      await newcomer.getByRole('heading', { name: 'Complete your profile' }).waitFor();
      await shoot(newcomer, 'profile-completion', width);

      const page = await pageAs(maya, width);
      await page.goto('/');
      await page.getByTestId('received-invitation').first().waitFor();
      await page.getByTestId('suggestion').first().waitFor();
      await page.getByTestId('bell-count').waitFor();
      await shoot(page, 'invitations', width);
      await page.locator('.suggestions-section').screenshot({ path: join(OUT, `suggestions-${width}.png`) });

      await page.getByTestId('bell').click();
      await page.getByTestId('bell-list').waitFor();
      await shoot(page, 'notifications-bell', width);
      await page.keyboard.press('Escape');
      const ravisCard = page.getByTestId('received-invitation').filter({ hasText: 'Ravi Menon' });
      await ravisCard.getByRole('button', { name: /More actions/ }).click();
      await shoot(page, 'invitations-more-menu', width);
      await page.keyboard.press('Escape');

      await page.goto('/sent');
      await page.getByTestId('sent-invitation').first().waitFor();
      await shoot(page, 'sent', width);

      await page.goto(`/members/${ravi.id}`);
      await page.getByTestId('mutual-list').waitFor();
      await shoot(page, 'profile', width);
      await page.goto('/search');
      await page.getByTestId('search-result').first().waitFor();
      await shoot(page, 'search', width);

      await page.goto('/connections');
      await page.getByTestId('connection').first().waitFor();
      await shoot(page, 'connections', width);

      await page.goto('/settings');
      await page.getByTestId('blocked-list').waitFor();
      await page.getByTestId('dev-mailbox-link').waitFor();
      await shoot(page, 'settings', width);

      await page.goto('/notifications');
      await page.getByTestId('notification').first().waitFor();
      await shoot(page, 'notifications', width);

      await page.goto(`/invitations/${toSofia}`);
      await page.getByTestId('thread').waitFor();
      await shoot(page, 'invitation-thread', width);

      await page.goto('/standing');
      await page.getByTestId('standing-state').waitFor();
      await shoot(page, 'standing', width);

      await page.goto(`/members/${maya.id}`);
      await page.getByRole('heading', { name: 'Edit your profile' }).waitFor();
      await shoot(page, 'own-profile', width);

      // The Connect dialog: Rex (restricted) invites Maya, so it asks for her email address.
      const rexPage = await pageAs(rex, width);
      await rexPage.goto('/standing');
      await rexPage.getByTestId('restriction-banner').waitFor();
      await shoot(rexPage, 'standing-restricted', width);
      await rexPage.goto(`/members/${maya.id}`);
      await rexPage.getByRole('button', { name: 'Connect', exact: true }).click();
      const dialog = rexPage.getByRole('dialog');
      await dialog.getByLabel('How do you know Maya?').selectOption('business');
      await dialog.getByLabel('Message').fill('Hi');
      await shoot(rexPage, 'connect-dialog', width);

      const adminPage = await pageAs(admin, width);
      await adminPage.goto('/admin');
      await adminPage.getByTestId('restricted-list').waitFor();
      await adminPage.locator('table.policy').waitFor();
      const hooks = adminPage.locator('#webhooks');
      await hooks.getByRole('button', { name: 'Delivery log' }).first().click();
      await hooks.getByTestId('delivery-log').waitFor();
      await shoot(adminPage, 'admin', width);

      await hooks.getByLabel('Endpoint URL').fill(`https://hooks.example.com/rapport-${width}`);
      await hooks.getByRole('button', { name: 'Register endpoint' }).click();
      await hooks.getByTestId('webhook-secret').waitFor();
      await shoot(adminPage, 'admin-webhook-secret', width);
      await hooks.getByRole('button', { name: 'I have stored it' }).click();
      // Removed again, so the other width's admin screen does not list it.
      const added = hooks.getByTestId('webhook').filter({ hasText: `rapport-${width}` });
      await added.getByRole('button', { name: 'Remove' }).click();
      await adminPage.getByRole('dialog').getByRole('button', { name: 'Remove endpoint' }).click();
      await added.waitFor({ state: 'detached' });

      for (const name of ['login', 'invitations', 'sent', 'profile', 'admin', 'notifications', 'profile-completion', 'suggestions']) expect(existsSync(join(OUT, `${name}-${width}.png`))).toBe(true);
    });
  }

  it('reports axe-core results, or says it is not installed', () => {
    if (!existsSync(AXE)) {
      console.log('[e2e] axe: node_modules/axe-core is not installed (add axe-core@4.14.1 as a dev dependency); accessibility scan skipped.');
      return;
    }
    // Runs after both widths (vitest waits for a group of concurrent tests): every screen was scanned.
    console.log(`[e2e] axe: scanned ${scanned.length} screens at ${SCANNED_WIDTH} px, ${violations.length} violations of any impact`);
    expect(scanned.length).toBeGreaterThanOrEqual(19);
    const serious = violations.filter(({ violation }) => violation.impact === 'critical' || violation.impact === 'serious');
    expect(serious.map(({ screen, violation }) => `${screen}: ${violation.id}`)).toEqual([]);
  });
});
