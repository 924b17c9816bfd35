import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, reportSkip, startServer, type RunningServer } from './support.js';

reportSkip('manager-and-message');

/** Seeds 002 and 004: the default message to adjust, and a manager warned before inviting a report. */
describe.skipIf(!hasChromium)('the manager on a profile and the Connect dialog, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer({ policy: { eligibility: 'anyone' } }), launchBrowser()]);
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

  it('a member names their manager on the profile screen; the manager is warned, and the default message goes as it reads', async () => {
    const { api } = server;
    const [rae, max] = await Promise.all([api.signUp('Rae Report', { headline: 'Analyst' }), api.signUp('Max Manager', { headline: 'Head of Analytics' })]);

    const raePage = await pageOf(rae.email);
    await raePage.goto(`/members/${rae.id}`);
    const field = raePage.getByTestId('manager-field');
    await field.getByLabel('Find your manager').fill('Max');
    await field.getByRole('button', { name: 'Find' }).click();
    await field.getByRole('listitem').filter({ hasText: 'Max Manager' }).getByRole('button', { name: 'Set as my manager' }).click();
    await field.getByText('is now shown as your manager').waitFor();
    const { member } = await api.ok<{ member: { managerId: string | null } }>(rae.token, 'GET', `/members/${rae.id}`);
    expect(member.managerId).toBe(max.id);
    const manager = await api.ok<{ member: { name: string } }>(rae.token, 'GET', `/members/${member.managerId}`);
    await raePage.getByTestId('reports-to').waitFor();
    expect(await raePage.getByTestId('reports-to').textContent()).toBe(`Reports to ${manager.member.name}`);

    const maxPage = await pageOf(max.email);
    await maxPage.goto(`/members/${rae.id}`);
    expect(await maxPage.getByTestId('reports-to').textContent()).toBe(`Reports to ${manager.member.name}`);
    await maxPage.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = maxPage.getByRole('dialog');
    await dialog.getByTestId('reports-to-you').waitFor();
    const { defaultInvitationMessage } = await api.ok<{ defaultInvitationMessage: string }>(max.token, 'GET', '/policy');
    expect(await dialog.getByLabel('Message').inputValue()).toBe(defaultInvitationMessage);
    // Etiquette (seed 000): say how you know them, and make the message your own.
    const tips = dialog.getByRole('list', { name: 'Tips' });
    expect(await tips.getByRole('listitem').allTextContents()).toEqual([
      'Say how you know them: people accept invitations from someone they can place.',
      'Make the message your own: a personal note is accepted far more often than the default one.',
    ]);
    await dialog.getByLabel('How do you know Rae?').selectOption('colleague');
    expect(await tips.getByRole('listitem').count()).toBe(1);
    await dialog.screenshot({ path: join(SCREENSHOTS, 'connect-manager-hint.png') });
    // A hint, not a refusal: the invitation goes, with the default message as the recipient reads it.
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Invitation sent.').waitFor();
    const received = await api.ok<{ items: Array<{ sender: { id: string }; note: string | null; message: string }> }>(rae.token, 'GET', '/invitations/received');
    expect(received.items.map((item) => [item.sender.id, item.note, item.message])).toEqual([[max.id, null, defaultInvitationMessage]]);
  });

  it('an edited message is sent as the member wrote it, and can go back to the default', async () => {
    const { api } = server;
    const [ann, bob] = await Promise.all([api.signUp('Ann Writer'), api.signUp('Bob Reader')]);
    const page = await pageOf(ann.email);
    await page.goto(`/members/${bob.id}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const message = dialog.getByLabel('Message');
    const { defaultInvitationMessage } = await api.ok<{ defaultInvitationMessage: string }>(ann.token, 'GET', '/policy');
    await message.fill('Hi!');
    expect(await dialog.getByRole('list', { name: 'Tips' }).textContent()).toContain('Your note reads as generic.');
    await message.fill('Bob, we spoke after your talk on reading groups: I would like to keep in touch.');
    expect(await dialog.getByRole('list', { name: 'Tips' }).textContent()).not.toContain('Make the message your own');
    await dialog.getByRole('button', { name: 'Use the default message' }).click();
    expect(await message.inputValue()).toBe(defaultInvitationMessage);
    await message.fill(`${defaultInvitationMessage} We met at the Lisbon book fair.`);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Invitation sent.').waitFor();
    const received = await api.ok<{ items: Array<{ note: string | null }> }>(bob.token, 'GET', '/invitations/received');
    expect(received.items.map((item) => item.note)).toEqual([`${defaultInvitationMessage} We met at the Lisbon book fair.`]);
  });

  it('a draft with only "how you know them" comes back after a reload with the default message still in place', async () => {
    const { api } = server;
    const [cy, di] = await Promise.all([api.signUp('Cy Drafter'), api.signUp('Di Draftee')]);
    const page = await pageOf(cy.email);
    await page.goto(`/members/${di.id}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('dialog').getByLabel('How do you know Di?').selectOption('classmate');
    await page.reload();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const { defaultInvitationMessage } = await api.ok<{ defaultInvitationMessage: string }>(cy.token, 'GET', '/policy');
    expect(await dialog.getByLabel('How do you know Di?').inputValue()).toBe('classmate');
    expect(await dialog.getByLabel('Message').inputValue()).toBe(defaultInvitationMessage);
  });
});
