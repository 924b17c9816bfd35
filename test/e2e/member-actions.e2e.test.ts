import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, repoRoot, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('member-actions');

const SHOTS = join(repoRoot, 'docs/screenshots');

interface SentItem {
  id: string;
  recipient: { name: string } | null;
  recipientEmail: string | null;
}

describe.skipIf(!hasChromium)('member actions: finding a sent invitation, removing several connections, answering from the bell', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let maya: ApiMember;

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer({ policy: { eligibility: 'anyone' } }), launchBrowser()]);
    maya = await server.api.signUp('Maya Actions', { headline: 'Partnerships at Northwind' });
    context = await newContext(browser, server.baseUrl);
    page = await logInInBrowser(context, maya.email);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /** The names (or addresses) on the sent screen, in order. */
  const namesOnSentScreen = async () =>
    (await page.getByTestId('sent-invitation').locator('.member-name').allTextContents()).map((text) => text.trim());
  const sentFromApi = async (q: string) =>
    (await server.api.ok<{ items: SentItem[] }>(maya.token, 'GET', `/invitations/sent?q=${encodeURIComponent(q)}`)).items.map((item) => item.recipient?.name ?? item.recipientEmail!);

  it('finds a sent invitation by name or address, with the search kept in the URL', async () => {
    const people = await Promise.all(['Harriet Stone', 'Harold Stonebridge', 'Priya Patel', 'Leo Marsh'].map((name) => server.api.signUp(name, { headline: 'Engineer' })));
    for (const person of people) await server.api.invite(maya, person);
    await server.api.ok(maya.token, 'POST', '/invitations', { email: 'stone.outsider@example.org' });

    await page.goto('/sent?q=stone');
    await page.getByRole('heading', { name: 'Sent invitations', level: 1 }).waitFor();
    const search = page.getByLabel('Find an invitation');
    expect(await search.inputValue()).toBe('stone');
    await page.getByTestId('sent-invitation').first().waitFor();
    const expected = await sentFromApi('stone');
    expect(expected).toEqual(['stone.outsider@example.org', 'Harold Stonebridge', 'Harriet Stone']);
    await expect.poll(namesOnSentScreen).toEqual(expected);

    await search.fill('PRIYA');
    await expect.poll(() => page.evaluate(() => window.location.pathname + window.location.search)).toBe('/sent?q=PRIYA');
    await expect.poll(namesOnSentScreen).toEqual(await sentFromApi('PRIYA'));
    expect(await namesOnSentScreen()).toEqual(['Priya Patel']);

    await search.fill('nobody at all');
    await page.getByText('No invitation you sent matches “nobody at all”.').waitFor();

    await search.fill('harriet');
    await expect.poll(namesOnSentScreen).toEqual(['Harriet Stone']);
    await page.reload();
    await expect.poll(namesOnSentScreen).toEqual(['Harriet Stone']); // the URL brings the search back
    await page.screenshot({ path: join(SHOTS, 'sent-search.png'), fullPage: true });
  });

  it('removes several connections at once, after a confirmation, and the API agrees', async () => {
    const people = await Promise.all(['Nadia Kerr', 'Oscar Lindqvist', 'Rosa Alvarez', 'Tom Becker'].map((name) => server.api.signUp(name, { headline: 'Product designer' })));
    for (const person of people) await server.api.connect(person, maya);

    await page.goto('/connections');
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await page.getByTestId('connection').filter({ hasText: 'Tom Becker' }).waitFor();
    const removeSelected = page.getByTestId('remove-selected');
    expect(await removeSelected.isDisabled()).toBe(true);
    await page.getByLabel('Select Oscar Lindqvist').check();
    await page.getByLabel('Select Rosa Alvarez').check();
    await page.getByText('2 selected').waitFor();
    await removeSelected.click();
    const dialog = page.getByRole('dialog', { name: 'Remove 2 connections?' });
    await dialog.waitFor();
    expect((await dialog.getByTestId('remove-selected-names').locator('li').allTextContents()).sort()).toEqual(['Oscar Lindqvist', 'Rosa Alvarez']);
    await page.screenshot({ path: join(SHOTS, 'bulk-remove.png') });
    await dialog.getByTestId('confirm-remove-selected').click();
    await page.getByText('Removed 2 connections. They are not told.').waitFor();

    const fromApi = (await server.api.ok<{ items: { member: { name: string } }[] }>(maya.token, 'GET', '/connections?limit=100')).items.map((item) => item.member.name);
    expect(fromApi).not.toContain('Oscar Lindqvist');
    expect(fromApi).not.toContain('Rosa Alvarez');
    expect(fromApi).toEqual(expect.arrayContaining(['Nadia Kerr', 'Tom Becker']));
    const onScreen = (await page.getByTestId('connection').locator('.member-name').allTextContents()).map((text) => text.trim());
    expect(onScreen.sort()).toEqual([...fromApi].sort());
    // The other side is gone too, and was not told.
    const oscar = people[1]!;
    const oscarConnections = (await server.api.ok<{ items: { member: { id: string } }[] }>(oscar.token, 'GET', '/connections')).items;
    expect(oscarConnections.map((item) => item.member.id)).not.toContain(maya.id);
  });

  it('accepts and ignores invitations from the bell, through the same API as the invitations page', async () => {
    const [omar, ivy] = await Promise.all([server.api.signUp('Omar Bell', { headline: 'Founder at Brightline' }), server.api.signUp('Ivy Quill', { headline: 'Recruiter' })]);
    const accepted = await server.api.invite(omar, maya);
    const ignored = await server.api.invite(ivy, maya);
    await server.api.ok(null, 'POST', '/_test/run-due');

    await page.goto('/connections');
    await page.getByTestId('bell').click();
    const list = page.getByTestId('bell-list');
    const omarEntry = list.locator('li').filter({ hasText: 'Omar Bell invited you to connect.' });
    const ivyEntry = list.locator('li').filter({ hasText: 'Ivy Quill invited you to connect.' });
    await omarEntry.getByRole('button', { name: "Accept Omar Bell's invitation" }).waitFor();

    await omarEntry.getByRole('button', { name: "Accept Omar Bell's invitation" }).click();
    await omarEntry.getByText('Accepted. You and Omar Bell are connected.').waitFor();
    expect(await omarEntry.getByRole('button').count()).toBe(0);
    // One answered, one still waiting with its two answers.
    await page.screenshot({ path: join(SHOTS, 'bell-answer.png') });
    await ivyEntry.getByRole('button', { name: "Ignore Ivy Quill's invitation" }).click();
    await ivyEntry.getByText('Ignored. Ivy Quill is not told.').waitFor();

    // The invitations say so through the API, as after answering on the invitations page.
    const status = async (id: string) => (await server.api.ok<{ invitation: { status: string } }>(maya.token, 'GET', `/invitations/${id}`)).invitation.status;
    expect(await status(accepted)).toBe('accepted');
    expect(await status(ignored)).toBe('ignored');
    const connections = (await server.api.ok<{ items: { member: { id: string } }[] }>(maya.token, 'GET', '/connections?limit=100')).items.map((item) => item.member.id);
    expect(connections).toContain(omar.id);
    expect(connections).not.toContain(ivy.id);
    // Ivy still reads "pending": ignoring is silent.
    expect((await server.api.ok<{ invitation: { status: string } }>(ivy.token, 'GET', `/invitations/${ignored}`)).invitation.status).toBe('pending');

    // Opened again, the bell shows the outcome from the API, with no buttons.
    await page.keyboard.press('Escape');
    await page.goto('/sent');
    await page.getByTestId('bell').click();
    await list.locator('li').filter({ hasText: 'Omar Bell invited you to connect.' }).getByText('Accepted. You and Omar Bell are connected.').waitFor();
    expect(await list.getByTestId('invitation-answer').getByRole('button').count()).toBe(0);
  });

  it('answers from the notifications page the same way', async () => {
    const uma = await server.api.signUp('Uma Page', { headline: 'Analyst' });
    const invitation = await server.api.invite(uma, maya);
    await server.api.ok(null, 'POST', '/_test/run-due');
    await page.keyboard.press('Escape');
    await page.goto('/notifications');
    const card = page.getByTestId('notifications-list').locator('li').filter({ hasText: 'Uma Page invited you to connect.' });
    await card.getByRole('button', { name: "Accept Uma Page's invitation" }).waitFor();
    await page.screenshot({ path: join(repoRoot, 'test-results/notifications-answer.png') });
    await card.getByRole('button', { name: "Accept Uma Page's invitation" }).click();
    await card.getByText('Accepted. You and Uma Page are connected.').waitFor();
    expect((await server.api.ok<{ invitation: { status: string } }>(maya.token, 'GET', `/invitations/${invitation}`)).invitation.status).toBe('accepted');
  });
});
