// The small traps of My Network (issue 22): withdrawing asks first and says when re-inviting becomes
// possible, the profile of someone you invited offers Withdraw, an answer shows where its card was,
// the Connect note survives a reload, your own sent invitation sits under Sent, the invite link
// connects in the one click it promises. Each check compares the screen with the API.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScreenRecorder, screenContext } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, PASSWORD, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('my-network-traps');

/** A day as the app writes every date (web/src/ui/format.ts formatDate). */
const longDate = (iso: string) => new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));

type Sent = { id: string; status: string; reinviteAfter: string | null; note: string | null; recipient: { id: string } | null };

describe.skipIf(!hasChromium)('My Network without traps, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const shots = new ScreenRecorder('my-network-traps');

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function newPage(width = 1280): Promise<BrowserContext> {
    const context = await screenContext(browser, server.baseUrl, width);
    contexts.push(context);
    return context;
  }
  const pageAs = async (member: ApiMember, width = 1280): Promise<Page> => logInInBrowser(await newPage(width), member.email);
  const api = <T>(member: ApiMember, method: string, path: string, body?: unknown) => server.api.ok<T>(member.token, method, path, body);
  const sentOf = async (member: ApiMember) => (await api<{ items: Sent[] }>(member, 'GET', '/invitations/sent')).items;

  it('Withdraw on Sent asks first, and both the question and the answer say when re-inviting becomes possible', async () => {
    const [me, them] = await Promise.all([server.api.signUp('Wendy Withdraw'), server.api.signUp('Tariq Target')]);
    const invitationId = await server.api.invite(me, them);
    const { policy } = await api<{ policy: { reinviteAfterWithdrawDays: number } }>(me, 'GET', '/policy');
    const page = await pageAs(me);
    await page.goto('/sent');
    const card = page.getByTestId('sent-invitation').filter({ hasText: 'Tariq Target' });
    await card.getByRole('button', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const expectedFromNow = longDate(new Date(Date.now() + policy.reinviteAfterWithdrawDays * 86_400_000).toISOString());
    expect(await dialog.innerText()).toContain(`You can invite them again from ${expectedFromNow}`);
    await shots.shoot(page, 'traps-withdraw-confirm', 1280);
    const phone = await pageAs(me, 375);
    await phone.goto('/sent');
    await phone.getByTestId('sent-invitation').filter({ hasText: 'Tariq Target' }).getByRole('button', { name: 'Withdraw' }).click();
    await phone.getByRole('dialog').waitFor();
    await shots.shoot(phone, 'traps-withdraw-confirm', 375);
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await sentOf(me)).find((s) => s.id === invitationId)!.status).toBe('pending');

    await card.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText('Withdrawn. Tariq Target is not told.').waitFor();
    const withdrawn = (await api<{ items: Sent[] }>(me, 'GET', '/invitations/sent?status=withdrawn')).items.find((s) => s.id === invitationId)!;
    expect(withdrawn.reinviteAfter).not.toBeNull();
    expect(await page.getByRole('status').filter({ hasText: 'Withdrawn.' }).or(page.getByText('Withdrawn. Tariq Target')).first().innerText()).toContain(longDate(withdrawn.reinviteAfter!));
    expect(await page.getByTestId('reinvite-after').first().innerText()).toBe(`You can invite them again from ${longDate(withdrawn.reinviteAfter!)}`);
  });

  it('the profile of someone you invited offers Withdraw, not "Ask for an introduction"', async () => {
    const [me, mutual, them] = await Promise.all([server.api.signUp('Pia Profile'), server.api.signUp('Mo Mutual'), server.api.signUp('Ivo Invited')]);
    await server.api.connect(me, mutual);
    await server.api.connect(mutual, them);
    await server.api.invite(me, them);
    const { relationship } = await api<{ relationship: { degree: number; invitation: { direction: string; status: string } | null } }>(me, 'GET', `/members/${them.id}`);
    expect(relationship).toMatchObject({ degree: 2, invitation: { direction: 'sent', status: 'pending' } });
    const page = await pageAs(me);
    await page.goto(`/members/${them.id}`);
    await page.getByTestId('invitation-pending').waitFor();
    expect(await page.getByRole('button', { name: 'Ask for an introduction' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText('Withdrawn. Ivo Invited is not told.').waitFor();
    const after = (await api<{ items: Sent[] }>(me, 'GET', '/invitations/sent?status=withdrawn')).items.find((s) => s.recipient?.id === them.id)!;
    expect(await page.getByText('Withdrawn. Ivo Invited is not told.').innerText()).toContain(longDate(after.reinviteAfter!));
    await shots.shoot(page, 'traps-profile-withdrawn', 1280);
  });

  it('accepting a lower card shows the outcome where the card was, in view', async () => {
    const me = await server.api.signUp('Lou Lowercard');
    const senders = await Promise.all(Array.from({ length: 6 }, (_, i) => server.api.signUp(`Sender Number${i + 1}`)));
    for (const sender of senders) await server.api.invite(sender, me, { note: 'A note long enough to make each card tall on the page, so the list runs below the fold.' });
    const page = await pageAs(me, 1280);
    await page.getByTestId('received-invitation').first().waitFor();
    const last = page.getByTestId('received-invitation').last();
    const id = (await last.getAttribute('data-invitation-id'))!;
    const name = (await last.locator('.member-name').innerText()).trim();
    await last.getByRole('button', { name: 'Accept', exact: true }).click();
    const answered = page.getByTestId('answered-invitation');
    await answered.waitFor();
    expect(await answered.getAttribute('data-invitation-id')).toBe(id);
    expect(await answered.innerText()).toContain(`You and ${name} are now connected.`);
    // Where the card was: the last item of the list, and on screen.
    expect(await page.locator('[data-testid="received-list"] > li').last().getAttribute('data-testid')).toBe('answered-invitation');
    const box = (await answered.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    const { invitation } = await api<{ invitation: { status: string } }>(me, 'GET', `/invitations/${id}`);
    expect(invitation.status).toBe('accepted');
    await shots.shoot(page, 'traps-accepted-in-place', 1280);
  });

  it('a reload with the Connect dialog open asks first, and the typed note comes back; sending clears it', async () => {
    const [me, mutual, them] = await Promise.all([server.api.signUp('Nadia Note'), server.api.signUp('Mika Middle'), server.api.signUp('Rui Recipient')]);
    await server.api.connect(me, mutual);
    await server.api.connect(mutual, them);
    const page = await pageAs(me);
    await page.goto(`/members/${them.id}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const note = 'Rui, we spoke after your talk on small teams. I would like to stay in touch.';
    await page.getByRole('dialog').getByLabel('Message').fill(note);
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Rui Recipient', level: 1 }).waitFor();
    expect(asked).toContain('beforeunload');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Message').inputValue()).toBe(note);
    await dialog.getByTestId('draft-restored').waitFor();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(async () => (await sentOf(me)).find((s) => s.recipient?.id === them.id)?.note ?? null).toBe(note);
    expect(await page.evaluate((id) => sessionStorage.getItem(`rapport.connect-draft.${id}`), them.id)).toBeNull();
  });

  it('your own sent invitation\'s page is under Sent in the top bar', async () => {
    const [me, them] = await Promise.all([server.api.signUp('Sol Sender'), server.api.signUp('Ria Receiver')]);
    const invitationId = await server.api.invite(me, them);
    const page = await pageAs(me);
    await page.goto(`/invitations/${invitationId}`);
    await page.getByRole('heading', { name: 'Your invitation to Ria Receiver', level: 1 }).waitFor();
    const { invitation } = await api<{ invitation: { sender: { id: string } } }>(me, 'GET', `/invitations/${invitationId}`);
    expect(invitation.sender.id).toBe(me.id);
    const current = page.locator('a[aria-current="page"]');
    await expect.poll(async () => (await current.allInnerTexts()).map((t) => t.trim())).toContain('Sent');
    expect((await current.allInnerTexts()).map((t) => t.trim())).not.toContain('My Network');
    // The recipient sees the same invitation under My Network.
    const theirs = await pageAs(them);
    await theirs.goto(`/invitations/${invitationId}`);
    await theirs.getByRole('heading', { name: 'Invitation from Sol Sender', level: 1 }).waitFor();
    expect((await theirs.locator('a[aria-current="page"]').allInnerTexts()).map((t) => t.trim())).not.toContain('Sent');
  });

  it('the invite link connects in the one click it promises: "Join to connect" sends the invitation on arrival', async () => {
    const owner = await server.api.signUp('Olu Owner');
    const link = await api<{ url: string; enabled: boolean }>(owner, 'GET', '/me/invite-link');
    const token = link.url.split('/invite/')[1]!;
    const visitor = await (await newPage()).newPage();
    await visitor.goto(`/invite/${token}`);
    await visitor.getByRole('link', { name: 'Join to connect' }).click();
    await visitor.getByLabel('Full name').fill('Vera Visitor');
    await visitor.getByLabel('Email').fill(`vera.${Date.now()}@example.com`);
    await visitor.getByLabel('Password').fill(PASSWORD);
    await visitor.getByRole('button', { name: 'Create account' }).click();
    await visitor.getByText('Invitation sent.', { exact: false }).waitFor();
    expect(await visitor.getByRole('button', { name: 'Send invitation' }).count()).toBe(0);
    const received = await api<{ items: Array<{ sender: { name: string } }> }>(owner, 'GET', '/invitations/received?status=pending');
    expect(received.items.map((item) => item.sender.name)).toEqual(['Vera Visitor']);
    // The flag has left the address: a reload sends nothing more.
    expect(new URL(visitor.url()).searchParams.get('connect')).toBeNull();
  });

  it('Tidy up asks first and says when those people can be invited again (last: it moves the clock)', async () => {
    const [me, a, b] = await Promise.all([server.api.signUp('Tia Tidy'), server.api.signUp('Abel Old'), server.api.signUp('Bo Old')]);
    await server.api.invite(me, a);
    await server.api.invite(me, b);
    await server.api.ok(null, 'POST', '/_test/clock/advance', { ms: 3 * 86_400_000 });
    const page = await pageAs(me);
    await page.goto('/sent');
    await page.getByLabel('Withdraw every pending invitation older than').fill('2');
    await page.getByRole('region', { name: 'Tidy up' }).getByRole('button', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('You can invite them again from');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await sentOf(me)).every((s) => s.status === 'pending')).toBe(true);
    await page.getByRole('region', { name: 'Tidy up' }).getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Withdraw them' }).click();
    const done = page.getByText('Withdrew 2 invitations older than 2 days.');
    await done.waitFor();
    const withdrawn = (await api<{ items: Sent[] }>(me, 'GET', '/invitations/sent?status=withdrawn')).items;
    expect(withdrawn).toHaveLength(2);
    expect(await done.innerText()).toContain(`You can invite them again from ${longDate(withdrawn[0]!.reinviteAfter!)}`);
  });

  it('finds no serious or critical accessibility violations on the screens it shot', () => {
    shots.report();
    const serious = shots.violations.filter(({ violation }) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map(({ screen, violation }) => `${screen}: ${violation.id}`)).toEqual([]);
  });
});
