import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureWebBuilt,
  hasChromium,
  launchBrowser,
  logInInBrowser,
  myId,
  newContext,
  PASSWORD,
  reportSkip,
  signUpInBrowser,
  startServer,
  type ApiMember,
  type RunningServer,
} from './support.js';

reportSkip('invitations');

describe.skipIf(!hasChromium)('invitations in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const stamp = Date.now();
  const emailA = `ada.${stamp}@example.com`;
  const emailB = `grace.${stamp}@example.com`;
  let pageA: Page;
  let pageB: Page;
  let ada: ApiMember;
  let grace: ApiMember;
  let carol: ApiMember;

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    console.log(`[e2e] invitations: server ready in ${server.startupMs} ms`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function context(): Promise<BrowserContext> {
    const created = await newContext(browser, server.baseUrl);
    contexts.push(created);
    return created;
  }

  async function tokenFor(email: string, name: string): Promise<ApiMember> {
    const answer = await server.api.ok<{ member: { id: string }; token: string }>(null, 'POST', '/auth/login', { email, password: PASSWORD });
    return { id: answer.member.id, name, email, token: answer.token };
  }

  it('A finds B, invites with a note; B accepts; A sees the connection and the 1st-degree badge', async () => {
    pageA = await signUpInBrowser(await context(), 'Ada Lovelace', emailA, 'Analyst at Difference Engines');
    pageB = await signUpInBrowser(await context(), 'Grace Hopper', emailB, 'Compiler engineer');
    ada = await tokenFor(emailA, 'Ada Lovelace');
    grace = await tokenFor(emailB, 'Grace Hopper');
    // Carol knows both, so Grace is in Ada's 2nd degree and they share one connection.
    carol = await server.api.signUp('Carol Shaw', { headline: 'Game designer' });
    await server.api.connect(carol, ada);
    await server.api.connect(carol, grace);

    await pageA.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search', exact: true }).click();
    await pageA.getByLabel('Search', { exact: true }).fill('Grace');
    await pageA.getByRole('button', { name: 'Search', exact: true }).click();
    const result = pageA.getByTestId('search-result').filter({ hasText: 'Grace Hopper' });
    await expect(result.textContent()).resolves.toContain('1 mutual connection');
    await result.getByRole('link', { name: 'Grace Hopper' }).click();

    await pageA.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    expect(await pageA.getByTestId('degree-badge').textContent()).toBe('2nd');
    expect(await pageA.getByTestId('mutual-list').textContent()).toContain('Carol Shaw');

    await pageA.getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = pageA.getByRole('dialog');
    await dialog.getByLabel('How do you know Grace?').selectOption('colleague');
    const note = dialog.getByLabel('Message');
    // The default message is there to adjust, as the policy words it.
    const policy = await server.api.ok<{ defaultInvitationMessage: string }>(ada.token, 'GET', '/policy');
    expect(await note.inputValue()).toBe(policy.defaultInvitationMessage);
    const text = 'Grace, we met at the compilers meetup in Boston last week 👩‍💻 — I would love to stay in touch.';
    await note.fill(text);
    // The family-style emoji sequence counts as one character, as the server counts it.
    const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
    expect(await dialog.getByTestId('note-counter').textContent()).toContain(`${graphemes} / 300`);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Invitation sent.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await pageA.getByTestId('invitation-pending').waitFor();

    // B opens the invitations page: measure how soon it is usable.
    await pageB.goto('/');
    const card = pageB.getByTestId('received-invitation').filter({ hasText: 'Ada Lovelace' });
    await card.waitFor();
    const timing = await pageB.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const rendered = performance.getEntriesByName('invitations-rendered')[0];
      return { domInteractive: navigation?.domInteractive ?? -1, listRendered: rendered?.startTime ?? -1 };
    });
    console.log(
      `[e2e] invitations page: domInteractive ${timing.domInteractive.toFixed(0)} ms, list rendered and interactive ${timing.listRendered.toFixed(0)} ms after navigation start`,
    );
    expect(timing.listRendered).toBeGreaterThan(0);
    expect(timing.listRendered).toBeLessThan(5_000);

    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('met at the compilers meetup');
    // "Ann and 3 others you know": here the one person both know, by name.
    expect(cardText).toContain('Carol Shaw is a mutual connection');
    expect(cardText).toContain('We worked together');
    expect(cardText).toContain('Analyst at Difference Engines');
    await card.getByRole('button', { name: 'Accept' }).click();
    await pageB.getByText('You and Ada Lovelace are now connected.').waitFor();

    await pageA.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections', exact: true }).click();
    await pageA.getByTestId('connection').filter({ hasText: 'Grace Hopper' }).waitFor();
    await pageA.goto(`/members/${grace.id}`);
    await pageA.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    expect(await pageA.getByTestId('degree-badge').textContent()).toBe('1st');
  });

  it('ignore is silent; withdraw removes the actions; re-inviting too soon says when it is possible', async () => {
    // Someone Ada does not want to connect with invites her; she ignores it.
    const dan = await server.api.signUp('Dan Brown', { headline: 'Sales' });
    await server.api.invite(dan, ada);
    await pageA.goto('/');
    const card = pageA.getByTestId('received-invitation').filter({ hasText: 'Dan Brown' });
    await card.getByRole('button', { name: 'Ignore' }).click();
    await pageA.getByText('Ignored. Dan Brown is not told.').waitFor();
    expect(await pageA.getByTestId('received-invitation').count()).toBe(0);
    // The sender still reads "pending" and may only withdraw.
    const sent = await server.api.ok<{ items: Array<{ status: string; actions: string[] }> }>(dan.token, 'GET', '/invitations/sent');
    expect(sent.items[0]).toMatchObject({ status: 'pending', actions: ['withdraw'] });

    // Reply without accepting, then decline, from the More menu.
    const fay = await server.api.signUp('Fay Ortiz', { headline: 'Recruiter' });
    await server.api.invite(fay, ada, { note: 'Hi Ada, I have a role that fits you.' });
    await pageA.goto('/');
    const fayCard = pageA.getByTestId('received-invitation').filter({ hasText: 'Fay Ortiz' });
    await fayCard.getByRole('button', { name: 'More actions for the invitation from Fay Ortiz' }).click();
    expect(await fayCard.getByText('The sender is told, and cannot invite you again.').count()).toBe(1);
    await fayCard.getByRole('button', { name: /^Reply/ }).click();
    const reply = pageA.getByRole('dialog');
    await reply.getByLabel('Your message').fill('Thanks Fay, not looking right now.');
    await reply.getByRole('button', { name: 'Send reply' }).click();
    await reply.getByText('Message sent.').waitFor();
    await reply.getByRole('button', { name: 'Close', exact: true }).last().click();
    const thread = await server.api.ok<{ items: Array<{ body: string }> }>(fay.token, 'GET', `/invitations/${(await fayCard.getAttribute('data-invitation-id'))!}/messages`);
    expect(thread.items.map((m) => m.body)).toContain('Thanks Fay, not looking right now.');
    await fayCard.getByRole('button', { name: /More actions/ }).click();
    await fayCard.getByRole('button', { name: /^Decline/ }).click();
    await pageA.getByRole('dialog').getByRole('button', { name: 'Decline' }).click();
    await pageA.getByText('Declined. The sender has been told.').waitFor();

    // Several at once: select all, accept all.
    const gus = await server.api.signUp('Gus Lee');
    const hal = await server.api.signUp('Hal Kim');
    await server.api.invite(gus, ada);
    await server.api.invite(hal, ada);
    await pageA.reload();
    await pageA.getByTestId('received-invitation').filter({ hasText: 'Hal Kim' }).waitFor();
    await pageA.getByLabel('Select all').check();
    await pageA.getByRole('button', { name: 'Accept all' }).click();
    await pageA.getByText('Accepted 2 invitations.').waitFor();
    expect(await pageA.getByTestId('received-invitation').count()).toBe(0);

    // Ada invites Erin (a friend of Carol), then withdraws from the Sent page.
    const erin = await server.api.signUp('Erin Yu', { headline: 'Data scientist' });
    await server.api.connect(carol, erin);
    await server.api.invite(ada, erin, { note: 'Hello Erin, Carol suggested we talk.' });
    await pageA.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sent', exact: true }).click();
    const row = pageA.getByTestId('sent-invitation').filter({ hasText: 'Erin Yu' });
    expect(await row.textContent()).toContain('Waiting for an answer');
    expect(await row.getByRole('button', { name: 'Resend' }).isDisabled()).toBe(true);
    await row.getByRole('button', { name: 'Withdraw' }).click();
    // Withdrawing asks first (my-network-traps.e2e checks what the question says).
    await pageA.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
    await pageA.getByText('Withdrawn. Erin Yu is not told.').waitFor();
    await row.filter({ hasText: 'Withdrawn' }).waitFor();
    expect(await row.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Resend' }).count()).toBe(0);

    // The profile explains the wait instead of offering Connect.
    await pageA.goto(`/members/${erin.id}`);
    await pageA.getByRole('heading', { name: 'Erin Yu', level: 1 }).waitFor();
    expect(await pageA.getByTestId('cannot-invite').textContent()).toContain('You recently invited this member');
    expect(await pageA.getByRole('button', { name: 'Connect', exact: true }).count()).toBe(0);

    // Search offers Connect to everyone; trying it gives the same sentence.
    await pageA.goto('/search?q=Erin');
    const result = pageA.getByTestId('search-result').filter({ hasText: 'Erin Yu' });
    await result.getByRole('button', { name: 'Connect with Erin Yu' }).click();
    await result.getByText('You recently invited this member').waitFor();

    // Removing the finished invitation hides it from the Sent list.
    await pageA.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sent', exact: true }).click();
    await row.getByRole('button', { name: 'Remove from list' }).click();
    await pageA.getByText('Removed from your list.').waitFor();
    await pageA.getByTestId('sent-invitation').filter({ hasText: 'Erin Yu' }).waitFor({ state: 'detached' });
  });

  it('a sender reported five times sees the restriction banner and lifts the first restriction', async () => {
    const sender = await server.api.signUp('Rex Spammer', { headline: 'Growth hacker' });
    const recipients = await Promise.all([1, 2, 3, 4, 5].map((n) => server.api.signUp(`Recipient ${n}`)));
    for (const [index, recipient] of recipients.entries()) {
      const id = await server.api.invite(sender, recipient);
      await server.api.ok(recipient.token, 'POST', `/invitations/${id}/report`, { reason: index % 2 ? 'spam' : 'dont_know' });
    }
    const page = await logInInBrowser(await context(), sender.email);
    const banner = page.getByTestId('restriction-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('email address');

    // The banner follows every page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections', exact: true }).click();
    await banner.waitFor();
    await banner.getByRole('link').click();
    await page.getByRole('heading', { name: 'Your standing', level: 1 }).waitFor();
    const state = page.getByTestId('standing-state');
    expect(await state.textContent()).toContain('first restriction');
    const lift = page.getByRole('button', { name: 'Lift the restriction' });
    expect(await lift.isDisabled()).toBe(true);
    await page.getByLabel('I agree to send invitations only to people I know personally.').check();
    await lift.click();
    await page.getByText('The restriction is lifted.').waitFor();
    await banner.waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sent', exact: true }).click();
    await page.getByRole('heading', { name: 'Sent invitations' }).waitFor();
    expect(await banner.count()).toBe(0);
  });

  it('log out ends the session and log in brings it back', async () => {
    await pageB.goto('/');
    await pageB.getByRole('button', { name: 'Log out' }).click();
    await pageB.getByRole('heading', { name: 'Log in' }).waitFor();
    const status = await pageB.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(status).toBe(401);
    await pageB.getByLabel('Email').fill(emailB);
    await pageB.getByLabel('Password').fill('wrong password!');
    await pageB.getByRole('button', { name: 'Log in' }).click();
    await pageB.getByText('That email and password do not match an account.').waitFor();
    await pageB.getByLabel('Password').fill(PASSWORD);
    await pageB.getByRole('button', { name: 'Log in' }).click();
    await pageB.getByRole('heading', { name: 'My Network', level: 1 }).waitFor();
    expect(await myId(pageB)).toBe(grace.id);
  });
});
