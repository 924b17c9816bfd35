// What the server counts, shown as it counts it: the monthly introduction allowance and InMail
// credits (GET /me/allowances), and each invitation's degree on the received and sent lists. The
// server gives free members InMail credits here, so the InMail path runs without a premium member.
// The InMail compose screen is photographed at both widths and scanned by axe-core.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasAxe, ScreenRecorder, screenContext, WIDTHS } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, PASSWORD, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('growth allowances');

type Allowance = { limit: number; used: number; remaining: number; renewsAt: string };
type Allowances = { introductions: Allowance; inmail: Allowance };

/** "December 1": the renewal day as the page writes it, month first like every date (the allowance runs by the UTC calendar). */
const renewal = (iso: string) => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(iso));

describe.skipIf(!hasChromium)('allowances and degrees in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const screens = new ScreenRecorder('growth allowances');

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([
      startServer({ policy: { introductionsPerMonth: { free: 3, premium: 15 }, inmailCreditsPerMonth: { free: 2, premium: 5 } } }),
      launchBrowser(),
    ]);
    console.log(`[e2e] growth allowances: server ready in ${server.startupMs} ms`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    screens.report();
  });

  /** A page signed in as `member` with a cookie session, as the log-in form does. */
  async function pageAs(member: ApiMember, width = 1280): Promise<Page> {
    const context = await screenContext(browser, server.baseUrl, width);
    contexts.push(context);
    const page = await context.newPage();
    const status = await page.request.post('/api/v1/auth/login', { data: { email: member.email, password: PASSWORD, session: 'cookie' } }).then((r) => r.status());
    expect(status).toBe(200);
    return page;
  }

  it('shows the introductions left this month as the server counts them, before and after asking', async () => {
    const { api } = server;
    const [rosa, ines, tara, tom] = await Promise.all([api.signUp('Rosa Requester'), api.signUp('Ines Introducer'), api.signUp('Tara Target'), api.signUp('Tom Target')]);
    await api.connect(rosa!, ines!);
    await api.connect(ines!, tara!);
    await api.connect(ines!, tom!);
    await api.ok(rosa!.token, 'POST', '/introductions', { introducerId: ines!.id, targetId: tara!.id, messageToIntroducer: 'Could you introduce me to Tara?', messageToTarget: 'Hello Tara!' });
    const before = await api.ok<Allowances>(rosa!.token, 'GET', '/me/allowances');
    expect(before.introductions).toMatchObject({ limit: 3, used: 1, remaining: 2 });

    const page = await pageAs(rosa!);
    await page.goto('/introductions');
    const meter = page.getByTestId('introduction-allowance');
    await meter.waitFor();
    expect(await meter.textContent()).toContain('1 of 3');
    expect(await meter.getByRole('meter').getAttribute('aria-valuenow')).toBe('1');
    expect(await page.getByTestId('introduction-remaining').textContent()).toBe(
      `2 of 3 introduction requests left this month; they renew on ${renewal(before.introductions.renewsAt)}. Premium members can ask for more.`,
    );

    // Asked from a profile: the page shows the new count when it opens again.
    await page.goto(`/members/${tom!.id}`);
    await page.getByRole('button', { name: 'Ask for an introduction' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your message to Ines').fill('And Tom too, if you can?');
    await dialog.getByLabel('Your message to Tom').fill('Hi Tom, hello from Harbor Labs.');
    await dialog.getByRole('button', { name: 'Ask for the introduction' }).click();
    await dialog.getByText('Request sent.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Introductions', exact: true }).click();
    await page.getByText('1 of 3 introduction requests left this month', { exact: false }).waitFor();
    expect(await meter.textContent()).toContain('2 of 3');
  });

  it('counts InMail credits down as they are spent, and closes the form when none are left', async () => {
    const { api } = server;
    const [mia, sam, tess] = await Promise.all([api.signUp('Mia Messenger'), api.signUp('Sam Stranger'), api.signUp('Tess Third')]);
    const renews = renewal((await api.ok<Allowances>(mia!.token, 'GET', '/me/allowances')).inmail.renewsAt);

    const page = await pageAs(mia!);
    await page.goto(`/members/${sam!.id}`);
    await page.getByRole('link', { name: 'Message', exact: true }).click();
    await page.getByRole('heading', { name: 'Messages with Sam Stranger', level: 1 }).waitFor();
    const credits = page.getByTestId('inmail-credits');
    expect(await credits.textContent()).toBe(`2 of 2 InMail credits left this month, renew on ${renews}.`);
    await page.getByLabel('Write to Sam').fill('Hi Sam, I enjoyed your talk on payments. Could we chat?');
    await page.getByRole('button', { name: 'Send InMail' }).click();
    await page.getByText('InMail sent. It used one of your credits for this month.').waitFor();
    // The numbers are read again after the send.
    await page.getByText(`1 of 2 InMail credits left this month, renew on ${renews}.`).waitFor();
    expect(await page.getByTestId('direct-message').filter({ hasText: 'payments' }).textContent()).toContain('InMail');

    await page.goto(`/messages/${tess!.id}`);
    expect(await credits.textContent()).toBe(`1 of 2 InMail credits left this month, renew on ${renews}.`);
    await page.getByLabel('Write to Tess').fill('Hi Tess, a quick question about your last post.');
    await page.getByRole('button', { name: 'Send InMail' }).click();
    await page.getByText('InMail sent. It used one of your credits for this month.').waitFor();
    // The last credit is spent: the form gives way to the explanation, with the renewal day.
    const closed = page.getByTestId('message-not-allowed');
    await closed.waitFor();
    expect(await closed.textContent()).toContain(`you have used all 2 InMail credits for this month: they renew on ${renews}.`);
    expect(await page.getByRole('button', { name: 'Send InMail' }).count()).toBe(0);
    expect((await api.ok<Allowances>(mia!.token, 'GET', '/me/allowances')).inmail).toMatchObject({ used: 2, remaining: 0 });

    // Sam answers, so writing back is free and needs no credit.
    await api.ok(sam!.token, 'POST', '/messages', { recipientId: mia!.id, body: 'Sure, Thursday works.' });
    await page.goto(`/messages/${sam!.id}`);
    await page.getByLabel('Write to Sam').waitFor();
    expect(await page.getByTestId('inmail-hint').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send', exact: true }).count()).toBe(1);
  });

  it('shows the degree of each person on the received and sent invitation lists', async () => {
    const { api } = server;
    const [ann, ben, cat, eve, dan] = await Promise.all([api.signUp('Ann Anchor'), api.signUp('Ben Bridge'), api.signUp('Cat Second'), api.signUp('Eve Third'), api.signUp('Dan Far')]);
    await api.connect(ann!, ben!);
    await api.connect(ben!, cat!);
    await api.connect(cat!, eve!);
    await api.invite(cat!, ann!); // 2nd degree to Ann
    await api.invite(eve!, ann!); // 3rd degree
    await api.invite(dan!, ann!); // no path
    await api.ok(cat!.token, 'POST', '/invitations', { email: `nobody.${Date.now()}@example.org` }); // an address with no member

    const page = await pageAs(ann!);
    await page.goto('/');
    const received = page.getByTestId('received-invitation');
    await received.first().waitFor();
    const badgeOf = (name: string) => received.filter({ hasText: name }).getByTestId('degree-badge').textContent();
    expect(await badgeOf('Cat Second')).toBe('2nd');
    expect(await badgeOf('Eve Third')).toBe('3rd');
    expect(await badgeOf('Dan Far')).toBe('Out of network');

    const catPage = await pageAs(cat!);
    await catPage.goto('/sent');
    const sent = catPage.getByTestId('sent-invitation');
    await sent.first().waitFor();
    expect(await sent.filter({ hasText: 'Ann Anchor' }).getByTestId('degree-badge').textContent()).toBe('2nd');
    expect(await sent.filter({ hasText: 'nobody.' }).getByTestId('degree-badge').count()).toBe(0);

    // Once Ann accepts, Cat's sent list shows her as a 1st-degree connection.
    await received.filter({ hasText: 'Cat Second' }).getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText('You and Cat Second are now connected.').waitFor();
    await catPage.reload();
    await sent.first().waitFor();
    expect(await sent.filter({ hasText: 'Ann Anchor' }).getByTestId('degree-badge').textContent()).toBe('1st');
  });

  for (const width of WIDTHS) {
    it(`photographs an InMail to someone outside the network at ${width} px`, async () => {
      const { api } = server;
      const [writer, reader] = await Promise.all([
        api.signUp('Maya Patel', { headline: 'Product manager at Lumen Health' }),
        api.signUp('Ravi Menon', { headline: 'Staff engineer, payments infrastructure' }),
      ]);
      const page = await pageAs(writer!, width);
      await page.goto(`/messages/${reader!.id}`);
      await page.getByTestId('inmail-credits').waitFor();
      await page.getByLabel('Write to Ravi').fill('Hi Ravi, Carol tells me you know payments inside out. Could we talk for 20 minutes next week?');
      await screens.shoot(page, 'message-inmail', width);
    });
  }

  it('finds no accessibility violations on the InMail screen', () => {
    if (!hasAxe) return;
    expect(screens.scanned).toHaveLength(WIDTHS.length);
    expect(screens.violations.map(({ screen, violation }) => `${screen}: ${violation.id}`)).toEqual([]);
  });
});
