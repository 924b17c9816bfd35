import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './screen-shots.js';
import { ADMIN_EMAIL, ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('standing-and-reports');

type Standing = {
  restricted: boolean;
  warnings: string[];
  rules: {
    reports: { count: number; threshold: number; left: number; warning: boolean };
    acceptance: { decided: number; accepted: number; rate: number | null; minDecided: number; minAcceptRate: number; left: number | null; warning: boolean } | null;
  };
};
type QueuedReport = { reason: string; source: string; member: { id: string; name: string }; reporter: { id: string; name: string } };

/** Standing you can see before it bites, and reporting a member outside an invitation (issue 21). */
describe.skipIf(!hasChromium)('standing warnings and member reports, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    // A short acceptance window, so a handful of answers brings the warning.
    [server, browser] = await Promise.all([startServer({ policy: { lowAcceptance: { minDecided: 6, minAcceptRate: 0.5 } } }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function pageOf(email: string) {
    const context = await newContext(browser, server.baseUrl);
    contexts.push(context);
    return logInInBrowser(context, email);
  }

  it('warns a member before either rule restricts, with the numbers GET /me/standing gives', async () => {
    const { api } = server;
    const sam = await api.signUp('Sam Sender', { headline: 'Growth at Initech' });
    const recipients: ApiMember[] = [];
    for (const name of ['Rita Reporter', 'Ravi Reporter', 'Rosa Reporter', 'Alma Accepter']) recipients.push(await api.signUp(name));
    for (const [i, recipient] of recipients.entries()) {
      const id = await api.invite(sam, recipient);
      if (i < 3) await api.ok(recipient.token, 'POST', `/invitations/${id}/report`, { reason: i === 0 ? 'spam' : 'dont_know' });
      else await api.ok(recipient.token, 'POST', `/invitations/${id}/accept`);
    }
    const { standing } = await api.ok<{ standing: Standing }>(sam.token, 'GET', '/me/standing');
    expect(standing.restricted).toBe(false);
    expect(standing.warnings).toEqual(['reports', 'low_acceptance']);
    const { reports, acceptance } = standing.rules;

    const page = await pageOf(sam.email);
    // Every screen says a rule is close, with the numbers, and leads to the standing page.
    const banner = page.getByTestId('standing-warning-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(
      `(${reports.count} of ${reports.threshold} reports; ${acceptance!.accepted} of your last ${acceptance!.decided} answered invitations accepted)`,
    );
    await banner.getByRole('link', { name: 'See your standing' }).click();
    await page.getByRole('heading', { name: 'Your standing', level: 1 }).waitFor();
    expect(await page.getByTestId('standing-warning-banner').count()).toBe(0);
    const reportsWarning = page.getByTestId('warning-reports');
    await reportsWarning.waitFor();
    const reportsText = (await reportsWarning.textContent())!;
    expect(reportsText).toContain(`Recipients have reported ${reports.count} of your invitations as unwanted.`);
    expect(reportsText).toContain(`${reports.left} more reports and your account is restricted (the limit is ${reports.threshold})`);
    const acceptanceText = (await page.getByTestId('warning-acceptance').textContent())!;
    expect(acceptanceText).toContain(`${acceptance!.accepted} of your last ${acceptance!.decided} answered invitations accepted (${Math.round(acceptance!.rate! * 100)}%)`);
    expect(acceptanceText).toContain(`If ${acceptance!.left} more invitations go unaccepted`);
    expect(acceptanceText).toContain(`at least ${Math.round(acceptance!.minAcceptRate * 100)}% of your last ${acceptance!.minDecided} answered invitations`);
    expect(await page.getByTestId('acceptance-value').textContent()).toBe(`${acceptance!.accepted} of ${acceptance!.decided} · ${Math.round(acceptance!.rate! * 100)}%`);
    await page.screenshot({ path: join(SCREENSHOTS, 'standing-warning.png'), fullPage: true });

    // Two more reports reach the threshold: the page gives that reason, with the numbers.
    for (const name of ['Remy Reporter', 'Ruth Reporter']) {
      const recipient = await api.signUp(name);
      const id = await api.invite(sam, recipient);
      await api.ok(recipient.token, 'POST', `/invitations/${id}/report`, { reason: 'dont_know' });
    }
    const after = await api.ok<{ standing: Standing & { restrictionReason: string | null } }>(sam.token, 'GET', '/me/standing');
    expect([after.standing.restricted, after.standing.restrictionReason, after.standing.warnings]).toEqual([true, 'reports', []]);
    await page.reload();
    const reason = page.getByTestId('restriction-reason');
    await reason.waitFor();
    expect(await reason.textContent()).toBe(
      `Recipients reported ${after.standing.rules.reports.count} of your invitations as unwanted; the limit is ${after.standing.rules.reports.threshold}.`,
    );
    expect(await page.getByTestId('standing-warnings').count()).toBe(0);
  });

  it('reports a member from a profile and from a conversation; the admin sees both in the queue', async () => {
    const { api } = server;
    const admin = await api.signUp('Ada Admin', { email: ADMIN_EMAIL });
    const [pia, tom, cal] = [await api.signUp('Pia Profile'), await api.signUp('Tom Troll', { headline: 'CEO of everything' }), await api.signUp('Cal Chatter')];
    await api.connect(pia, cal);

    const page = await pageOf(pia.email);
    await page.goto(`/members/${tom.id}`);
    await page.getByTestId('report-member').click();
    const dialog = page.getByRole('dialog', { name: 'Report Tom Troll' });
    await dialog.getByLabel(/Fake profile/).check();
    await dialog.screenshot({ path: join(SCREENSHOTS, 'member-report.png') });
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('An administrator will review your report').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.goto(`/messages/${cal.id}`);
    await page.getByTestId('report-member').click();
    const fromThread = page.getByRole('dialog', { name: 'Report Cal Chatter' });
    await fromThread.getByLabel(/Harassment or abuse/).check();
    await fromThread.getByRole('button', { name: 'Send report' }).click();
    await fromThread.getByText('An administrator will review your report').waitFor();

    const { items } = await api.ok<{ items: QueuedReport[] }>(admin.token, 'GET', '/admin/reports');
    const mine = items.filter((item) => item.reporter.id === pia.id).map((item) => [item.member.id, item.reason, item.source]);
    expect(mine).toEqual([
      [cal.id, 'harassment', 'conversation'],
      [tom.id, 'fake_profile', 'profile'],
    ]);

    const adminPage = await pageOf(admin.email);
    await adminPage.goto('/admin');
    const queue = adminPage.getByTestId('member-reports');
    await queue.waitFor();
    const shown = await queue.getByTestId('member-report').allTextContents();
    expect(shown).toHaveLength(items.length);
    expect(shown[0]).toContain(items[0]!.member.name);
    expect(shown[0]).toContain('Harassment or abuse');
    expect(shown[0]).toContain(`by ${pia.name} from a conversation`);
    expect(shown[1]).toContain(tom.name);
    expect(shown[1]).toContain('Fake profile');
    expect(shown[1]).toContain(`by ${pia.name} from the profile`);

    // Beside them, the restricted members, each with the rule that restricted them.
    const restricted = await api.ok<{ items: Array<{ member: { name: string }; standing: { restrictionReason: string; reports: number } }> }>(admin.token, 'GET', '/admin/restricted-members');
    const sam = restricted.items.find((item) => item.member.name === 'Sam Sender')!;
    expect(sam.standing.restrictionReason).toBe('reports');
    const row = adminPage.getByTestId('restricted-list').getByRole('listitem').filter({ hasText: 'Sam Sender' });
    expect(await row.textContent()).toContain(`${sam.standing.reports} reports · restricted 1 time`);
  });
});
