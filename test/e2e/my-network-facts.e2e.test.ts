// My Network shows true facts: each check reads what the screen says and compares it with what the
// API answers for the same member (issue 22: wrong facts on screen, notifications that follow the
// invitation, small traps).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScreenRecorder, screenContext } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('my-network-facts');

type Suggestion = { member: { id: string; name: string }; degree: 2 | 3 | null };
type Notification = { id: string; kind: string; payload: Record<string, unknown>; readAt: string | null; actor: { id: string; initials: string; photoUrl: string | null } | null };

describe.skipIf(!hasChromium)('My Network facts, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const shots = new ScreenRecorder('my-network-facts');

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(member: ApiMember, width = 1280): Promise<Page> {
    const context = await screenContext(browser, server.baseUrl, width);
    contexts.push(context);
    return logInInBrowser(context, member.email);
  }
  const api = <T>(member: ApiMember, method: string, path: string, body?: unknown) => server.api.ok<T>(member.token, method, path, body);
  const runDue = () => server.api.ok(null, 'POST', '/_test/run-due');

  it('People you may know: each card shows the degree the API gives, not "2nd" for all', async () => {
    const [me, friend, friendOfFriend, colleague] = await Promise.all([
      server.api.signUp('Faye Facts'),
      server.api.signUp('Finn Friend'),
      server.api.signUp('Fola Further'),
      server.api.signUp('Cora Colleague'),
    ]);
    await server.api.connect(me, friend);
    await server.api.connect(friend, friendOfFriend);
    // A colleague with no connection in common: suggested for the company, out of network.
    await api(me, 'POST', '/me/positions', { company: 'Factual Works', title: 'Editor', startYear: 2015 });
    await api(colleague, 'POST', '/me/positions', { company: 'Factual Works', title: 'Writer', startYear: 2016 });

    const suggestions = (await api<{ items: Suggestion[] }>(me, 'GET', '/suggestions')).items;
    expect(suggestions.map((s) => s.degree)).toEqual(expect.arrayContaining([2, null]));
    const page = await pageAs(me);
    await page.getByTestId('suggestion').first().waitFor();
    for (const suggestion of suggestions) {
      const card = page.getByTestId('suggestion').filter({ hasText: suggestion.member.name });
      const expected = suggestion.degree === 2 ? '2nd' : suggestion.degree === 3 ? '3rd' : 'Out of network';
      expect(await card.getByTestId('degree-badge').innerText()).toBe(expected);
    }
    await shots.shoot(page, 'facts-suggestions', 1280);
  });

  it('"at different times" only when both gave years that never met (the API\'s `apart`)', async () => {
    const [me, noYears, apart] = await Promise.all([server.api.signUp('Hana Hint'), server.api.signUp('Noa Noyears'), server.api.signUp('Abe Apart')]);
    await api(me, 'POST', '/me/positions', { company: 'Hint Labs', title: 'Lead', startYear: 2001, endYear: 2003 });
    await api(noYears, 'POST', '/me/positions', { company: 'Hint Labs', title: 'Analyst' });
    await api(apart, 'POST', '/me/positions', { company: 'Hint Labs', title: 'Intern', startYear: 2010, endYear: 2011 });
    const page = await pageAs(me);
    for (const other of [noYears, apart]) {
      const { inCommon } = await api<{ inCommon: { companies: Array<{ name: string; apart: boolean }> } }>(me, 'GET', `/members/${other.id}`);
      const company = inCommon.companies.find((c) => c.name === 'Hint Labs')!;
      await page.goto(`/members/${other.id}`);
      const hint = page.getByTestId('in-common').getByText('Hint Labs');
      await hint.waitFor();
      expect((await hint.innerText()).includes('at different times')).toBe(company.apart);
    }
    expect(await page.getByTestId('in-common').innerText()).toContain('at different times');
  });

  it('Standing counts the invitations left, from the quota the API gives', async () => {
    const [me, other] = await Promise.all([server.api.signUp('Lena Left'), server.api.signUp('Otto Other')]);
    await server.api.invite(me, other);
    const { quota } = await api<{ quota: { lifetimeAllotment: number; lifetimeUsed: number } }>(me, 'GET', '/me');
    expect(quota.lifetimeUsed).toBe(1);
    const page = await pageAs(me);
    await page.goto('/standing');
    const left = page.getByTestId('allotment-left');
    await left.waitFor();
    expect(await left.innerText()).toContain(String(quota.lifetimeAllotment - quota.lifetimeUsed));
    expect(await left.innerText()).toContain(`of your ${quota.lifetimeAllotment} left`);
    await shots.shoot(page, 'facts-standing', 1280);
  });

  it('Settings: the widest choice says what the policy lets it do; the dev mailbox link follows the server', async () => {
    const me = await server.api.signUp('Sid Settings');
    const answer = await api<{ policy: { eligibility: string }; devMailbox: boolean }>(me, 'GET', '/policy');
    const page = await pageAs(me);
    await page.goto('/settings');
    const label = page.getByTestId('who-everyone');
    await label.waitFor();
    await page.getByTestId('dev-mailbox-link').waitFor({ state: answer.devMailbox ? 'visible' : 'detached' });
    if (answer.policy.eligibility === 'anyone') expect(await label.innerText()).toBe('Anyone on Rapport');
    else expect(await label.innerText()).not.toContain('Anyone');
    await shots.shoot(page, 'facts-settings', 1280);

    // A server whose policy answer says the mailbox is off gets no link, even if /dev/mail answers.
    await page.route('**/api/v1/policy', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), devMailbox: false } });
    });
    const policyRead = page.waitForResponse('**/api/v1/policy');
    await page.reload();
    await policyRead;
    await page.getByTestId('who-everyone').waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('dev-mailbox-link').count()).toBe(0);
  });

  it('an invitation\'s notification shows its sender, opens that invitation, and is read once answered; a withdrawn one is gone', async () => {
    const [me, sender, withdrawer] = await Promise.all([server.api.signUp('Bea Bell'), server.api.signUp('Sam Sender'), server.api.signUp('Wil Withdraw')]);
    const invitationId = await server.api.invite(sender, me, { note: 'We met at the facts meetup.' });
    const withdrawnId = await server.api.invite(withdrawer, me);
    await runDue();
    await api(withdrawer, 'POST', `/invitations/${withdrawnId}/withdraw`);
    const bell = await api<{ items: Notification[]; unreadCount: number }>(me, 'GET', '/notifications');
    expect(bell.items.some((n) => n.payload.invitationId === withdrawnId)).toBe(false);
    const received = bell.items.find((n) => n.kind === 'invitation_received' && n.payload.invitationId === invitationId)!;
    expect(received.actor?.id).toBe(sender.id);

    const page = await pageAs(me);
    await page.goto('/notifications');
    const items = page.getByTestId('notification');
    await items.first().waitFor();
    expect(await items.count()).toBe(bell.items.length);
    const item = items.filter({ hasText: 'Sam Sender' });
    expect(await item.getAttribute('href')).toBe(`/invitations/${invitationId}`);
    expect(await items.filter({ hasText: 'Wil Withdraw' }).count()).toBe(0);
    // The avatar is the sender's: their initials in their own colour, not the grey of "nobody".
    const avatar = item.locator('.avatar');
    expect(await avatar.innerText()).toBe(received.actor!.initials);
    expect(await avatar.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(74, 85, 99)');
    await shots.shoot(page, 'facts-notifications', 1280);
    const phone = await pageAs(me, 375);
    await phone.goto('/notifications');
    await phone.getByTestId('notification').first().waitFor();
    await shots.shoot(phone, 'facts-notifications', 375);

    await item.click();
    await page.waitForURL(`**/invitations/${invitationId}`);
    const before = (await api<{ unreadCount: number }>(me, 'GET', '/notifications')).unreadCount;
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText('are now connected').first().waitFor();
    const after = await api<{ items: Notification[]; unreadCount: number }>(me, 'GET', '/notifications');
    expect(after.items.find((n) => n.id === received.id)!.readAt).not.toBeNull();
    expect(after.unreadCount).toBeLessThanOrEqual(before);
    // The bell follows without a reload.
    await expect.poll(async () => ((await page.getByTestId('bell-count').count()) ? Number(await page.getByTestId('bell-count').innerText()) : 0)).toBe(after.unreadCount);
  });

  it('finds no serious or critical accessibility violations on the screens it shot', () => {
    shots.report();
    const serious = shots.violations.filter(({ violation }) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map(({ screen, violation }) => `${screen}: ${violation.id}`)).toEqual([]);
  });
});
