// The member's own corner of the app in a real browser: the first-run profile step, the
// notifications bell, mail settings, people you may know, and the operator's webhooks — with the
// keyboard alone where it matters (Enter opens, Escape closes, focus comes back).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ensureWebBuilt,
  hasChromium,
  launchBrowser,
  logInInBrowser,
  newContext,
  PASSWORD,
  reportSkip,
  signUpInBrowser,
  startServer,
  type ApiMember,
  type RunningServer,
} from './support.js';

reportSkip('account');

type Received = { headers: IncomingHttpHeaders; body: string };

describe.skipIf(!hasChromium)('notifications, profile step, settings and webhooks in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  const contexts: BrowserContext[] = [];
  const stamp = Date.now();
  const unaEmail = `una.${stamp}@example.com`;
  let una: ApiMember;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    // A webhook endpoint that answers 204 and keeps what it got.
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/rapport`;
    [server, browser] = await Promise.all([startServer({ policy: { webhookRetryHours: 1 } }), launchBrowser()]);
    console.log(`[e2e] account: server ready in ${server.startupMs} ms`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  async function context(): Promise<BrowserContext> {
    const created = await newContext(browser, server.baseUrl);
    contexts.push(created);
    return created;
  }

  const runDue = () => server.api.ok(null, 'POST', '/_test/run-due');

  it('after sign-up, a short profile step saves headline, position and school', async () => {
    page = await signUpInBrowser(await context(), 'Una Okafor', unaEmail, undefined, { stayOnProfileStep: true });
    expect(await page.getByText('A complete profile gets accepted more often').count()).toBe(1);
    await page.getByLabel('Headline').fill('Site reliability engineer');
    await page.getByLabel('Title').fill('SRE');
    await page.getByLabel('Company').fill('Harbor Logistics');
    await page.getByLabel('School').fill('University of Lagos');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'My Network', level: 1 }).waitFor();

    const login = await server.api.ok<{ member: { id: string }; token: string }>(null, 'POST', '/auth/login', { email: unaEmail, password: PASSWORD });
    una = { id: login.member.id, name: 'Una Okafor', email: unaEmail, token: login.token };
    const me = await server.api.ok<{ member: { headline: string; positions: Array<{ company: string; title: string }>; education: Array<{ school: string }> } }>(
      una.token,
      'GET',
      '/me',
    );
    expect(me.member.headline).toBe('Site reliability engineer');
    expect(me.member.positions).toMatchObject([{ company: 'Harbor Logistics', title: 'SRE' }]);
    expect(me.member.education).toMatchObject([{ school: 'University of Lagos' }]);
  });

  it('the bell counts new invitations after delivery, opens and closes by keyboard, and clears with "mark all read"', async () => {
    const bell = page.getByTestId('bell');
    const count = page.getByTestId('bell-count');
    expect(await count.count()).toBe(0);

    const [vic, wes] = await Promise.all([server.api.signUp('Vic Adeyemi', { headline: 'Platform lead' }), server.api.signUp('Wes Moreau')]);
    await server.api.invite(vic, una, { note: 'Una, we met at SREcon.', howWeMet: 'colleague' });
    await runDue();
    // The bell polls on every navigation (and every 30 s).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sent', exact: true }).click();
    await count.filter({ hasText: '1' }).waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('Notifications, 1 unread');

    await server.api.invite(wes, una);
    await runDue();
    await page.getByRole('link', { name: 'My Network', exact: true }).click();
    await count.filter({ hasText: '2' }).waitFor();

    // Keyboard: Enter opens the panel, Escape closes it and gives focus back to the bell.
    await bell.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Notifications' });
    await panel.getByText('Vic Adeyemi invited you to connect.').waitFor();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('bell');

    // Following one marks it read and opens that invitation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sent', exact: true }).click();
    await bell.click();
    await panel.getByRole('link', { name: /Wes Moreau invited you to connect/ }).click();
    const received = await server.api.ok<{ items: Array<{ id: string; sender: { id: string } }> }>(una.token, 'GET', '/invitations/received');
    const fromWes = received.items.find((item) => item.sender.id === wes.id)!;
    await page.waitForURL(new RegExp(`/invitations/${fromWes.id}$`));
    await count.filter({ hasText: '1' }).waitFor();

    // "Mark all read" clears the count, here and on the server.
    await bell.click();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await count.waitFor({ state: 'detached' });
    const after = await server.api.ok<{ unreadCount: number }>(una.token, 'GET', '/notifications');
    expect(after.unreadCount).toBe(0);

    // The page lists everything, newest first, read ones without the unread marker.
    await page.keyboard.press('Escape');
    await page.goto('/notifications');
    const items = page.getByTestId('notification');
    await items.first().waitFor();
    expect(await items.allTextContents()).toEqual([expect.stringContaining('Wes Moreau invited you'), expect.stringContaining('Vic Adeyemi invited you')]);
    expect(await page.locator('[data-testid="notification"].unread').count()).toBe(0);

    // The invitation card names who both know; the More menu gives focus back on Escape.
    await server.api.connect(vic, wes);
    await server.api.invite(una, wes); // Wes had invited Una: this accepts his invitation
    await page.goto('/');
    const card = page.getByTestId('received-invitation').filter({ hasText: 'Vic Adeyemi' });
    expect(await card.getByTestId('mutual-summary').innerText()).toMatch(/(^|\s)Wes Moreau is a mutual connection$/);
    const more = card.getByRole('button', { name: 'More actions for the invitation from Vic Adeyemi' });
    await more.focus();
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: /^Reply/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your message').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('More actions for the invitation from Vic'));
  });

  it('mail categories, the master switch and the weekly digest persist across a reload; the dev mailbox is linked', async () => {
    await page.goto('/settings');
    const mail = page.getByTestId('mail-settings');
    await mail.getByLabel('Reminders').waitFor();
    for (const name of ['Invitations you receive', 'Reminders', 'Updates on your invitations', 'Your account standing']) {
      expect(await mail.getByLabel(name).isChecked()).toBe(true);
    }
    await mail.getByLabel('Reminders').uncheck();
    await page.getByText('You will no longer get mail about invitations waiting for you.').waitFor();
    await mail.getByLabel('Updates on your invitations').uncheck();
    await page.getByText('You will no longer get mail about answers and messages.').waitFor();
    await mail.getByLabel('A weekly digest').check();
    await page.getByText('You will get one digest mail a week.').waitFor();

    await page.reload();
    await mail.getByLabel('Reminders').waitFor();
    expect(await mail.getByLabel('Invitations you receive').isChecked()).toBe(true);
    expect(await mail.getByLabel('Reminders').isChecked()).toBe(false);
    expect(await mail.getByLabel('Updates on your invitations').isChecked()).toBe(false);
    expect(await mail.getByLabel('Your account standing').isChecked()).toBe(true);
    expect(await mail.getByLabel('A weekly digest').isChecked()).toBe(true);

    // The master switch: off keeps the choices but greys them out.
    await mail.getByLabel('Email me from Rapport').uncheck();
    await page.getByText('Rapport will not email you.').waitFor();
    await page.reload();
    await mail.getByLabel('Reminders').waitFor();
    expect(await mail.getByLabel('Email me from Rapport').isChecked()).toBe(false);
    expect(await mail.getByLabel('Invitations you receive').isDisabled()).toBe(true);
    const settings = await server.api.ok<{ settings: Record<string, unknown> }>(una.token, 'GET', '/me');
    expect(settings.settings).toMatchObject({
      emailNotifications: false,
      digest: 'weekly',
      emailCategories: { invitations: true, reminders: false, updates: false, standing: true },
    });

    // The e2e servers switch the dev mailbox on (RAPPORT_DEV_MAILBOX=1): it is linked from the settings footer.
    const link = page.getByTestId('dev-mailbox-link');
    await link.waitFor();
    expect(await link.textContent()).toBe('Dev mailbox');
    const mailbox = await page.request.get('/dev/mail');
    expect(mailbox.status()).toBe(200);
    expect(await mailbox.text()).toContain('Dev mailbox');
  });

  it('people you may know: connect with the generic message, dismiss for good', async (test) => {
    const probe = await server.api.call(una.token, 'GET', '/suggestions');
    if (probe.status === 404) {
      console.log('[e2e] account: GET /api/v1/suggestions does not exist on this server; people-you-may-know skipped.');
      test.skip();
      return;
    }
    // Zed connects Una with Xia and Yuri: both are in Una's 2nd degree.
    const [xia, yuri] = await Promise.all([server.api.signUp('Xia Chen', { headline: 'SRE at Harbor Logistics' }), server.api.signUp('Yuri Volkov')]);
    const zed = await server.api.signUp('Zed Hub');
    await server.api.connect(zed, una);
    await server.api.connect(zed, xia);
    await server.api.connect(zed, yuri);

    await page.goto('/');
    const xiaCard = page.getByTestId('suggestion').filter({ hasText: 'Xia Chen' });
    await xiaCard.waitFor();
    expect(await xiaCard.textContent()).toContain('1 mutual connection');
    await xiaCard.getByRole('button', { name: 'Connect with Xia Chen' }).click();
    await xiaCard.getByText('Invitation sent').waitFor();
    const sent = await server.api.ok<{ items: Array<{ recipient: { id: string } | null; note: string | null }> }>(una.token, 'GET', '/invitations/sent');
    expect(sent.items.find((item) => item.recipient?.id === xia.id)).toMatchObject({ note: null });

    const yuriCard = page.getByTestId('suggestion').filter({ hasText: 'Yuri Volkov' });
    await yuriCard.getByRole('button', { name: 'Dismiss Yuri Volkov' }).click();
    await yuriCard.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('received-invitation').first().waitFor();
    await page.getByRole('heading', { name: 'People you may know' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('suggestion').filter({ hasText: 'Yuri Volkov' }).count()).toBe(0);
  });

  it('admin: register a webhook, see the secret once, read the delivery log, switch a failing one back on', async () => {
    const admin = await server.api.signUp('Ada Admin', { email: ADMIN_EMAIL });
    const adminPage = await logInInBrowser(await context(), admin.email);
    await adminPage.getByRole('link', { name: 'Admin', exact: true }).click();
    const section = adminPage.locator('#webhooks');
    await section.getByLabel('Endpoint URL').fill(receiverUrl);
    // Defaults: sent and accepted. Add nothing else.
    expect(await section.getByLabel(/Invitation sent/).isChecked()).toBe(true);
    await section.getByRole('button', { name: 'Register endpoint' }).click();
    const secret = (await section.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await section.getByRole('button', { name: 'I have stored it' }).click();
    await section.getByTestId('webhook-secret').waitFor({ state: 'detached' });

    // A failing endpoint (nothing listens there), for all events.
    await section.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/unreachable');
    await section.getByLabel('All events, including ones added later').check();
    await section.getByRole('button', { name: 'Register endpoint' }).click();
    await section.getByTestId('webhook-secret').waitFor();
    await section.getByRole('button', { name: 'I have stored it' }).click();
    expect(await section.getByTestId('webhook').count()).toBe(2);

    // An invitation: delivered to the first, failing at the second.
    const [p, q] = await Promise.all([server.api.signUp('Pia Hook'), server.api.signUp('Quentin Hook')]);
    await server.api.invite(p, q);
    await runDue();
    expect(received.some((r) => r.headers['webhook-signature'] && r.body.includes('invitation.sent'))).toBe(true);

    await adminPage.reload();
    const good = section.getByTestId('webhook').filter({ hasText: receiverUrl });
    await good.getByRole('button', { name: 'Delivery log' }).click();
    const log = good.getByTestId('delivery-log');
    await log.waitFor();
    expect(await log.textContent()).toContain('invitation.sent');
    expect(await log.textContent()).toContain('Delivered');

    // Past webhookRetryHours (1 h here) the failing one gives up and is switched off; admins are told.
    await server.api.ok(null, 'POST', '/_test/clock/advance', { ms: 2 * 3_600_000 });
    await runDue();
    await adminPage.reload();
    const bad = section.getByTestId('webhook').filter({ hasText: '127.0.0.1:9' });
    await bad.getByText('Switched off').waitFor();
    await adminPage.getByTestId('bell-count').waitFor();
    await adminPage.getByTestId('bell').click();
    await adminPage.getByRole('region', { name: 'Notifications' }).getByText(/was switched off after failed deliveries/).waitFor();
    await adminPage.keyboard.press('Escape');
    await bad.getByRole('button', { name: 'Switch back on' }).click();
    await adminPage.getByText('is switched back on.').waitFor();
    await bad.getByRole('button', { name: 'Switch back on' }).waitFor({ state: 'detached' });
    expect(await bad.getAttribute('data-enabled')).toBe('true');
  });
});
