// Growing a network through the real UI: contact import and bulk invite, the invite-me link and its
// landing page (signed out → sign up → back to the one-click action → the first-run profile step),
// introductions, messages and follows. Screenshots and the accessibility scan of these screens are in growth-screens.e2e.test.ts.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, hasChromium, launchBrowser, newContext, PASSWORD, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('growth');

const linkedInExport = (rows: string[]) =>
  [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    ...rows,
    '',
  ].join('\r\n');

describe.skipIf(!hasChromium)('growing a network in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const stamp = Date.now();

  beforeAll(async () => {
    ensureWebBuilt();
    // Four sends a day before each needs a challenge: the bulk invite below runs into it.
    // One introduction request a month: the second is refused with the limit.
    [server, browser] = await Promise.all([startServer({ policy: { captchaAfterPerDay: 4, introductionsPerMonth: { free: 1, premium: 5 } } }), launchBrowser()]);
    console.log(`[e2e] growth: server ready in ${server.startupMs} ms`);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /** A page signed in as `member` through the same call the log-in form makes (cookie session). */
  async function pageAs(member: ApiMember | null, width = 1280): Promise<Page> {
    const context = await newContext(browser, server.baseUrl, width);
    contexts.push(context);
    const page = await context.newPage();
    if (member) {
      const status = await page.request.post('/api/v1/auth/login', { data: { email: member.email, password: PASSWORD, session: 'cookie' } }).then((r) => r.status());
      expect(status).toBe(200);
    }
    return page;
  }

  it('imports a LinkedIn file, shows the report, refuses a bad file, invites only the picked contacts, deletes one and all', async () => {
    const { api } = server;
    const [ivy, cat, dan, eve, friend] = await Promise.all([
      api.signUp('Ivy Importer', { headline: 'Community lead' }),
      api.signUp('Cat Cole', { headline: 'CTO at Acme' }),
      api.signUp('Dan Dale', { headline: 'CEO at Acme' }),
      api.signUp('Eve Early', { headline: 'Recruiter' }),
      api.signUp('Fran Friend'),
    ]);
    // Fran sends both invitations, so Ivy's own count of sends starts at zero.
    await api.connect(friend!, ivy!);
    await api.connect(friend!, cat!); // Cat is 2nd degree, with one mutual connection
    await api.ok(eve!.token, 'PATCH', '/me/settings', { invitationsFrom: 'contacts_only' });
    const outsiders = [1, 2, 3, 4].map((n) => `outsider${n}.${stamp}@example.org`);
    const file = linkedInExport([
      `Cat,Cole,https://www.linkedin.com/in/cat,${cat!.email.toUpperCase()},Acme,CTO,01 Jan 2024`,
      `Dan,Dale,https://www.linkedin.com/in/dan,${dan!.email},Acme,CEO,02 Jan 2024`,
      `Eve,Early,,${eve!.email},,,03 Jan 2024`,
      `Fran,Friend,,${friend!.email},,,03 Jan 2024`,
      ...outsiders.map((email, i) => `Out,Sider ${i + 1},,${email},,,04 Jan 2024`),
      'No,Address,https://www.linkedin.com/in/none,,Acme,Intern,05 Jan 2024',
      'Bad,Address,,not-an-email,,,05 Jan 2024',
    ]);

    const page = await pageAs(ivy!);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await page.getByTestId('contacts-empty').waitFor();

    // A refused file: a PDF is not a contact file, and the page says so in words.
    await page.getByLabel('Contact file').setInputFiles({ name: 'resume.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n') });
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.getByText('This kind of file cannot be imported. Choose a CSV or vCard (.vcf) file.').waitFor();
    // A CSV without any email column.
    await page.getByLabel('Contact file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Phone\nAnn,123\n') });
    await page.getByRole('button', { name: 'Import file' }).click();
    await page.getByText('No email column was found in this file.', { exact: false }).waitFor();

    await page.getByLabel('Contact file').setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Import file' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    const reportText = (await report.textContent()) ?? '';
    expect(reportText).toContain('Read 10 rows from a LinkedIn export.');
    expect(reportText).toContain('8 new contacts imported');
    expect(reportText).toContain('4 already on Rapport');
    expect(reportText).toContain('2 rows could not be used');
    expect(reportText).toContain('No email address');
    expect(reportText).toContain('Not a valid email address');

    // Members and the others apart; nothing picked until the member picks.
    const members = page.getByTestId('member-contacts');
    const others = page.getByTestId('other-contacts');
    await members.getByTestId('contact').first().waitFor();
    expect(await members.getByTestId('contact').count()).toBe(4);
    expect(await others.getByTestId('contact').count()).toBe(4);
    expect(await page.locator('[data-testid="contact"] input[type="checkbox"]:checked').count()).toBe(0);
    expect(await page.getByTestId('selected-count').textContent()).toContain('Nobody picked yet');
    await expect(page.getByRole('button', { name: 'Send invitations' }).isDisabled()).resolves.toBe(true);
    const catRow = members.getByTestId('contact').filter({ hasText: 'Cat Cole' });
    expect(await catRow.getByTestId('degree-badge').textContent()).toBe('2nd');
    expect(await catRow.textContent()).toContain('1 mutual connection');
    const franRow = members.getByTestId('contact').filter({ hasText: 'Fran Friend' });
    expect(await franRow.getByTestId('contact-state').textContent()).toBe('Connected');
    expect(await franRow.locator('input[type="checkbox"]').count()).toBe(0);

    // Pick Cat, Eve (accepts only her own contacts) and the four outsiders: after four sends each
    // needs a challenge, so the batch stops at the last outsider.
    await page.getByLabel('Cat Cole').check();
    await page.getByLabel('Eve Early').check();
    await page.getByRole('button', { name: 'Pick all 4 in “Not on Rapport yet”' }).click();
    expect(await page.getByTestId('selected-count').textContent()).toContain('6 people picked');
    await page.getByLabel('One note for everyone (optional)').fill('Hello from the Lisbon product meetup! Let us stay in touch here.');
    await page.getByRole('button', { name: 'Send 6 invitations' }).click();
    await page.getByText(/4 invitations sent/).waitFor();
    expect(await catRow.getByTestId('invite-outcome').textContent()).toBe('Invitation sent');
    const eveRow = members.getByTestId('contact').filter({ hasText: 'Eve Early' });
    expect(await eveRow.getByTestId('invite-outcome').textContent()).toContain('only accepts invitations from people in their own contacts');
    const outcomes = await others.getByTestId('invite-outcome').allTextContents();
    expect(outcomes.filter((text) => text === 'Invitation sent')).toHaveLength(3);
    // The fourth outsider met the challenge: not sent, in words.
    expect(outcomes.filter((text) => text.startsWith('Not sent: you have sent many invitations today'))).toHaveLength(1);
    // Dan was not picked, so nothing went to him.
    const dansInvitations = await api.ok<{ items: unknown[] }>(dan!.token, 'GET', '/invitations/received?status=pending');
    expect(dansInvitations.items).toHaveLength(0);
    const catsInvitations = await api.ok<{ items: Array<{ note: string }> }>(cat!.token, 'GET', '/invitations/received?status=pending');
    expect(catsInvitations.items[0]?.note).toContain('Lisbon product meetup');

    // Export links point at the CSV endpoints and answer a CSV for this session.
    const exported = await page.evaluate(async () => {
      const href = document.querySelector<HTMLAnchorElement>('[data-testid="export-contacts"]')!.getAttribute('href')!;
      const response = await fetch(href);
      return { type: response.headers.get('content-type'), text: await response.text() };
    });
    expect(exported.type).toContain('text/csv');
    expect(exported.text).toContain(dan!.email);

    // Remove one contact, then all of them after confirming.
    const danRow = members.getByTestId('contact').filter({ hasText: 'Dan Dale' });
    await danRow.getByRole('button', { name: /Remove/ }).click();
    await page.getByText('Dan Dale was removed from your contacts.').waitFor();
    await page.getByRole('button', { name: 'Delete all contacts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete all your contacts?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await members.getByTestId('contact').count()).toBe(3);
    await page.getByRole('button', { name: 'Delete all contacts' }).click();
    await dialog.getByRole('button', { name: 'Delete all contacts' }).click();
    await page.getByText('7 contacts deleted.', { exact: false }).waitFor();
    await page.getByTestId('contacts-empty').waitFor();
  });

  it('manages the invite link; a visitor without an account signs up, lands back on the one-click invitation, then completes the profile', async () => {
    const { api } = server;
    const owner = await api.signUp('Olga Owner', { headline: 'Organiser, Porto Design Week' });
    const page = await pageAs(owner);
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Your invite link' }).click();
    await page.getByRole('heading', { name: 'Your invite link', level: 1 }).waitFor();
    const urlField = page.getByLabel('Your personal link');
    const firstUrl = await urlField.inputValue();
    expect(firstUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{16,}$/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied.', { exact: false }).waitFor();

    // Rotate: the old link is dead at once.
    await page.getByRole('button', { name: 'Make a new link' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Make a new link' }).click();
    await page.getByText('Your new link is ready. The old one no longer works.').waitFor();
    const url = await urlField.inputValue();
    expect(url).not.toBe(firstUrl);
    const oldToken = firstUrl.split('/invite/')[1]!;
    expect((await api.call(null, 'GET', `/invite-links/${oldToken}`)).status).toBe(404);

    // Off, then on again; the same link works again.
    await page.getByLabel('Link is on').uncheck();
    await page.getByText('Your link is off.', { exact: false }).waitFor();
    const token = url.split('/invite/')[1]!;
    expect((await api.call(null, 'GET', `/invite-links/${token}`)).status).toBe(404);
    await page.getByLabel('Link is on').check();
    await page.getByText('Your link is on again.').waitFor();

    // A visitor without an account: the preview, then sign-up, then back to the one-click action.
    const visitor = await pageAs(null);
    await visitor.goto(`/invite/${token}`);
    await visitor.getByRole('heading', { name: 'Olga Owner invites you to connect' }).waitFor();
    expect(await visitor.getByTestId('invite-owner').textContent()).toContain('Organiser, Porto Design Week');
    await visitor.getByRole('link', { name: 'Join to connect' }).click();
    await visitor.getByRole('heading', { name: 'Create your account' }).waitFor();
    expect(new URL(visitor.url()).searchParams.get('next')).toBe(`/invite/${token}?connect=1`);
    await visitor.getByLabel('Full name').fill('Victor Visitor');
    await visitor.getByLabel('Email').fill(`victor.${stamp}@example.com`);
    await visitor.getByLabel('Password').fill(PASSWORD);
    await visitor.getByRole('button', { name: 'Create account' }).click();
    await visitor.getByRole('heading', { name: 'Connect with Olga Owner', level: 1 }).waitFor();
    expect(new URL(visitor.url()).pathname).toBe(`/invite/${token}`);
    // "Join to connect" was the one click: the invitation goes on arrival, with no second button.
    await visitor.getByText('Invitation sent. Olga will see it in their invitations.', { exact: false }).waitFor();
    const received = await api.ok<{ items: Array<{ sender: { name: string } }> }>(owner.token, 'GET', '/invitations/received?status=pending');
    expect(received.items.map((item) => item.sender.name)).toEqual(['Victor Visitor']);

    // A brand-new member is offered the first-run profile step next, and comes out on Olga's profile.
    const nextStep = visitor.getByTestId('invite-next-step');
    expect(await nextStep.textContent()).toContain('Olga decides whether to accept');
    await nextStep.getByRole('link', { name: 'Complete your profile' }).click();
    await visitor.getByRole('heading', { name: 'Complete your profile', level: 1 }).waitFor();
    await visitor.getByLabel('Headline').fill('Service designer, Lisbon');
    await visitor.getByRole('button', { name: 'Save and continue' }).click();
    await visitor.getByRole('heading', { name: 'Olga Owner', level: 1 }).waitFor();
    expect(new URL(visitor.url()).pathname).toBe(`/members/${owner.id}`);
    const victor = await visitor.evaluate(() => fetch('/api/v1/me').then((r) => r.json() as Promise<{ member: { headline: string } }>));
    expect(victor.member.headline).toBe('Service designer, Lisbon');

    // With auto-accept, a signed-in visitor who logs in from the landing page is connected at once.
    await page.getByLabel('Connect automatically').check();
    await page.getByText('People who use your link are now connected with you at once.').waitFor();
    const member = await api.signUp('Mona Member');
    const second = await pageAs(null);
    await second.goto(`/invite/${token}`);
    await second.getByRole('link', { name: 'Log in to connect' }).click();
    await second.getByLabel('Email').fill(member.email);
    await second.getByLabel('Password').fill(PASSWORD);
    await second.getByRole('button', { name: 'Log in' }).click();
    await second.getByText('You and Olga Owner are now connected.').waitFor();
    // An existing member who logged in is not sent through the first-run step.
    expect(await second.getByTestId('invite-next-step').count()).toBe(0);
    await second.reload();
    await second.getByText('You are already connected with Olga Owner.').waitFor();
  });

  it('asks a mutual connection for an introduction; the introducer forwards it; the target connects; the limit is shown', async () => {
    const { api } = server;
    const [rosa, ines, tara, tom] = await Promise.all([
      api.signUp('Rosa Requester', { headline: 'Founder, Harbor Labs' }),
      api.signUp('Ines Introducer', { headline: 'Investor' }),
      api.signUp('Tara Target', { headline: 'Head of Design, Northwind' }),
      api.signUp('Tom Target', { headline: 'CTO, Southwind' }),
    ]);
    await api.connect(rosa!, ines!);
    await api.connect(ines!, tara!);
    await api.connect(ines!, tom!);
    await api.ok(rosa!.token, 'POST', '/me/positions', { company: 'Northwind', title: 'Designer', startYear: 2016, endYear: 2019 });
    await api.ok(tara!.token, 'POST', '/me/positions', { company: 'Northwind', title: 'Head of Design', startYear: 2018 });

    const page = await pageAs(rosa!);
    await page.goto(`/members/${tara!.id}`);
    await page.getByRole('heading', { name: 'Tara Target', level: 1 }).waitFor();
    expect(await page.getByTestId('in-common').textContent()).toContain('You both worked at Northwind (2018–2019)');
    await page.getByRole('button', { name: 'Ask for an introduction' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ask for an introduction to Tara Target' });
    await dialog.getByLabel('Ines Introducer').check();
    await dialog.getByLabel('Your message to Ines').fill('Ines, could you introduce me to Tara? We are hiring a design lead.');
    await dialog.getByLabel('Your message to Tara').fill('Hi Tara, I run Harbor Labs and would love 20 minutes of your advice.');
    await dialog.getByRole('button', { name: 'Ask for the introduction' }).click();
    await dialog.getByText('Request sent.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The second request this month is over the allowance of one: the limit in words.
    await page.goto(`/members/${tom!.id}`);
    await page.getByRole('button', { name: 'Ask for an introduction' }).click();
    const second = page.getByRole('dialog');
    await second.getByLabel('Your message to Ines').fill('And Tom too, if you can?');
    await second.getByLabel('Your message to Tom').fill('Hi Tom, hello from Harbor Labs.');
    await second.getByRole('button', { name: 'Ask for the introduction' }).click();
    await second.getByText('You have asked for 1 introduction this month, the most you can. You can ask again next month.').waitFor();
    await second.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Introductions', exact: true }).click();
    await page.getByRole('tab', { name: 'You asked for' }).click();
    const mine = page.getByTestId('introduction');
    await mine.first().waitFor();
    expect(await mine.first().textContent()).toContain('Waiting for Ines');
    expect(await page.getByTestId('introduction-allowance').textContent()).toContain('1 of 1');
    expect(await page.getByTestId('introduction-remaining').textContent()).toMatch(/^You have used all your introduction requests for this month\. You can ask again from [A-Z][a-z]+ 1\.$/);

    // The introducer opens the link in the mail about it and forwards it with a note.
    await api.ok(null, 'POST', '/_test/run-due');
    const mail = await api.ok<{ items: Array<{ template: string; text: string }> }>(null, 'GET', `/_test/mail?to=${encodeURIComponent(ines!.email)}`);
    const link = /https?:\/\/\S+(\/introductions\/\d+)/.exec(mail.items.find((m) => m.template === 'introduction_request')?.text ?? '')?.[1];
    expect(link).toBeDefined();
    const inesPage = await pageAs(ines!);
    await inesPage.goto(link!);
    await inesPage.getByRole('heading', { name: 'Introduction', level: 1 }).waitFor();
    const request = inesPage.getByTestId('introduction').filter({ hasText: 'Rosa Requester' });
    await request.waitFor();
    expect(await request.textContent()).toContain('could you introduce me to Tara');
    await request.getByLabel('Your note to Tara (optional)').fill('Tara, Rosa is great: worth a coffee.');
    await request.getByRole('button', { name: 'Forward', exact: true }).click();
    await inesPage.getByText('Forwarded. Tara can now connect with Rosa in one step.').waitFor();

    // The target sees it (never the message to the introducer) and connects in one step; keyboard on the tabs.
    const taraPage = await pageAs(tara!);
    await taraPage.goto('/introductions');
    await taraPage.getByRole('tab', { name: 'Asked of you' }).focus();
    await taraPage.keyboard.press('ArrowRight');
    expect(await taraPage.getByRole('tab', { name: /Introduced to you/ }).getAttribute('aria-selected')).toBe('true');
    const intro = taraPage.getByTestId('introduction').first();
    await intro.waitFor();
    const introText = (await intro.textContent()) ?? '';
    expect(introText).toMatch(/Ines Introducer introduces you to (RR)?Rosa Requester/);
    expect(introText).toContain('worth a coffee');
    expect(introText).not.toContain('could you introduce me');
    await intro.getByRole('button', { name: 'Connect with Rosa' }).click();
    await taraPage.getByText('You and Rosa Requester are now connected.').waitFor();

    await page.reload();
    await page.getByTestId('introduction').first().waitFor();
    expect(await page.getByTestId('introduction').first().textContent()).toContain('Connected');
  });

  it('messages a connection from the profile; the other answers; a non-connection gets the explanation', async () => {
    const { api } = server;
    const [mia, noah, stranger] = await Promise.all([api.signUp('Mia Messenger'), api.signUp('Noah North', { headline: 'Product designer' }), api.signUp('Sam Stranger')]);
    await api.connect(mia!, noah!);
    const page = await pageAs(mia!);
    await page.goto(`/members/${noah!.id}`);
    await page.getByRole('link', { name: 'Message', exact: true }).click();
    await page.getByRole('heading', { name: 'Messages with Noah North', level: 1 }).waitFor();
    await page.getByLabel('Write to Noah').fill('Hi Noah, are you at the design meetup on Thursday?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('direct-message').filter({ hasText: 'design meetup on Thursday' }).waitFor();

    const noahPage = await pageAs(noah!);
    await noahPage.goto('/');
    await noahPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages', exact: true }).click();
    const conversation = noahPage.getByTestId('conversation').filter({ hasText: 'Mia Messenger' });
    expect(await conversation.textContent()).toContain('1 new message');
    await conversation.getByRole('link', { name: 'Mia Messenger' }).click();
    await noahPage.getByLabel('Write to Mia').fill('Yes! See you there.');
    await noahPage.getByRole('button', { name: 'Send', exact: true }).click();
    await noahPage.getByTestId('direct-message').filter({ hasText: 'See you there' }).waitFor();

    await page.reload();
    const thread = await page.getByTestId('direct-thread').textContent();
    expect(thread).toMatch(/design meetup on Thursday[\s\S]*See you there/);

    // Not connected, free tier: no Message button on the profile, and the thread explains why.
    await page.goto(`/members/${stranger!.id}`);
    await page.getByRole('heading', { name: 'Sam Stranger', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Message', exact: true }).count()).toBe(0);
    await page.goto(`/messages/${stranger!.id}`);
    expect(await page.getByTestId('message-not-allowed').textContent()).toContain('You can message your connections, and anyone who has written to you.');
  });

  it('follows and unfollows from a profile; Follow becomes the main button when the member asks for it', async () => {
    const { api } = server;
    const [fay, gus] = await Promise.all([api.signUp('Fay Follower'), api.signUp('Gus Guru', { headline: 'Writes about distributed systems' })]);
    const page = await pageAs(fay!);
    await page.goto(`/members/${gus!.id}`);
    await page.getByRole('heading', { name: 'Gus Guru', level: 1 }).waitFor();
    const actions = page.locator('.profile-head .actions');
    // Connect first by default; Follow next to it.
    expect(await actions.locator('button').first().textContent()).toBe('Connect');
    await page.getByTestId('follow-button').click();
    await page.getByText('You now follow Gus Guru.').waitFor();
    expect(await page.getByTestId('follow-button').textContent()).toContain('Following');
    await page.getByTestId('follow-button').click();
    await page.getByRole('dialog', { name: 'Unfollow Gus Guru?' }).getByRole('button', { name: 'Unfollow' }).click();
    await page.getByText('You no longer follow Gus Guru.').waitFor();

    // Gus makes Follow his main button in Settings.
    const gusPage = await pageAs(gus!);
    await gusPage.goto('/settings');
    await gusPage.getByLabel('Show Follow as the main button on my profile').check();
    await gusPage.getByText('Others now see Follow as the main button on your profile', { exact: false }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Gus Guru', level: 1 }).waitFor();
    expect(await actions.locator('button').first().textContent()).toBe('Follow');
    expect(await actions.getByRole('button', { name: 'Connect' }).getAttribute('class')).toContain('secondary');
    await page.getByTestId('follow-button').click();
    await page.getByText('You now follow Gus Guru.').waitFor();

    await page.goto('/follows');
    await page.getByTestId('follow-item').filter({ hasText: 'Gus Guru' }).waitFor();
    await gusPage.goto('/follows?tab=followers');
    await gusPage.getByTestId('follow-item').filter({ hasText: 'Fay Follower' }).waitFor();
  });
});
