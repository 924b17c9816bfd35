// Screenshots of the "growing a network" screens at phone and desktop widths (docs/screenshots/),
// with an axe-core pass over each screen at both widths: contacts, the invite link and its landing
// page, introductions, messages, follows, and the profile's follow / in-common / introduction parts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasAxe, SCREENSHOTS as OUT, ScreenRecorder, screenContext, WIDTHS } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, PASSWORD, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('growth screens');

const linkedInExport = (rows: string[]) =>
  ['Notes:', '"Some email addresses may be missing."', '', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On', ...rows, ''].join('\r\n');

describe.skipIf(!hasChromium)('growth screens', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let maya: ApiMember;
  let ravi: ApiMember;
  let lena: ApiMember;
  let carol: ApiMember;
  let company: ApiMember;
  let ana: ApiMember;
  let inviteToken: string;
  const importers = new Map<number, ApiMember>();
  let contactFile: string;
  const screens = new ScreenRecorder('growth');

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const { api } = server;
    const people = await Promise.all([
      api.signUp('Maya Patel', { headline: 'Product manager at Lumen Health' }),
      api.signUp('Ravi Menon', { headline: 'Staff engineer, payments infrastructure' }),
      api.signUp('Lena Fischer', { headline: 'UX researcher' }),
      api.signUp('Carol Nguyen', { headline: 'Engineering manager at Lumen Health' }),
      api.signUp('Dev Sharma', { headline: 'Data engineer' }),
      api.signUp('Omar Haddad', { headline: 'Founder, Tideline Analytics' }),
      api.signUp('Sofia Rossi', { headline: 'Design lead' }),
      api.signUp('Priya Raman', { headline: 'Head of Growth at Lumen Health' }),
      api.signUp('Ana Costa', { headline: 'Product designer, Porto' }),
    ]);
    const [m, r, l, c, dev, omar, sofia, priya, a] = people as ApiMember[];
    ana = a!;
    maya = m!;
    ravi = r!;
    lena = l!;
    carol = c!;
    await api.connect(carol, maya);
    await api.connect(dev!, maya);
    await api.connect(lena, maya);
    await api.connect(carol, ravi);
    await api.connect(dev!, ravi);
    await api.connect(carol, sofia!);
    await api.ok(maya.token, 'PATCH', '/me', { location: 'Lisbon, Portugal' });
    await api.ok(maya.token, 'POST', '/me/positions', { company: 'Lumen Health', title: 'Product manager', startYear: 2017 });
    await api.ok(maya.token, 'POST', '/me/education', { school: 'Universidade de Lisboa', degree: 'MSc, Information Systems', startYear: 2012, endYear: 2014 });
    await api.ok(maya.token, 'PUT', '/me/skills', { skills: ['Product discovery', 'Healthcare', 'SQL', 'PostgreSQL'] });
    await api.ok(maya.token, 'POST', '/me/groups', { name: 'Lisbon Product Circle' });
    await api.ok(ravi.token, 'POST', '/me/positions', { company: 'Northwind Pay', title: 'Staff engineer', startYear: 2019 });
    await api.ok(ravi.token, 'POST', '/me/positions', { company: 'Lumen Health', title: 'Senior engineer', startYear: 2015, endYear: 2019 });
    await api.ok(ravi.token, 'POST', '/me/education', { school: 'Universidade de Lisboa', degree: 'MSc, Computer Science', startYear: 2013, endYear: 2015 });
    await api.ok(ravi.token, 'PUT', '/me/skills', { skills: ['Distributed systems', 'PostgreSQL', 'Go', 'SQL'] });
    await api.ok(ravi.token, 'POST', '/me/groups', { name: 'Lisbon Product Circle' });

    // A company page: Follow is its only button.
    const companyEmail = `lumen.${Date.now()}@example.com`;
    const signup = await api.ok<{ member: { id: string }; token: string }>(null, 'POST', '/auth/signup', {
      email: companyEmail,
      password: PASSWORD,
      name: 'Lumen Health',
      headline: 'Care-team software for clinics · 240 employees',
      kind: 'company',
    });
    company = { id: signup.member.id, name: 'Lumen Health', email: companyEmail, token: signup.token };

    // Introductions: Lena asks Maya to introduce her to Carol; Maya asked Carol to introduce her to Ravi.
    await api.ok(lena.token, 'POST', '/introductions', {
      introducerId: maya.id,
      targetId: carol.id,
      messageToIntroducer: 'Maya, could you introduce me to Carol? I am researching how engineering managers run on-call.',
      messageToTarget: 'Hi Carol, I am a UX researcher looking at on-call tooling. Could I ask you a few questions?',
    });
    await api.ok(maya.token, 'POST', '/introductions', {
      introducerId: carol.id,
      targetId: ravi.id,
      messageToIntroducer: 'Carol, would you introduce me to Ravi? We need advice on payments.',
      messageToTarget: 'Hi Ravi, Carol tells me you know payments inside out. Coffee?',
    });
    // Priya was introduced to Maya by Dev.
    await api.connect(priya!, dev!);
    const { introduction } = await api.ok<{ introduction: { id: string } }>(priya!.token, 'POST', '/introductions', {
      introducerId: dev!.id,
      targetId: maya.id,
      messageToIntroducer: 'Dev, could you introduce me to Maya?',
      messageToTarget: 'Hi Maya, I lead growth at Lumen Health and would love to compare notes on onboarding.',
    });
    await api.ok(dev!.token, 'POST', `/introductions/${introduction.id}/forward`, { note: 'Maya, Priya is great to talk to about onboarding funnels.' });

    // Messages: Carol and Maya talk; Dev wrote last and Maya has not read it.
    await api.ok(maya.token, 'POST', '/messages', { recipientId: carol.id, body: 'Hi Carol! Are you going to the Lisbon product meetup on Thursday?' });
    await api.ok(carol.token, 'POST', '/messages', { recipientId: maya.id, body: 'Yes, I will be there from 6. Want to grab dinner after?' });
    await api.ok(maya.token, 'POST', '/messages', { recipientId: carol.id, body: 'Perfect, let us do that. I will book a table near the venue.' });
    await api.ok(dev!.token, 'POST', '/messages', { recipientId: maya.id, body: 'Thanks for the intro to the data team, they are lovely.' });

    // Follows: Maya follows the company page and Omar; Ana follows Maya.
    await api.ok(maya.token, 'POST', '/follows', { memberId: company.id });
    await api.ok(maya.token, 'POST', '/follows', { memberId: omar!.id });
    await api.ok(ana.token, 'POST', '/follows', { memberId: maya.id });

    inviteToken = (await api.ok<{ token: string }>(maya.token, 'GET', '/me/invite-link')).token;

    // Per width, a member who imports the same LinkedIn file through the page.
    for (const width of WIDTHS) importers.set(width, await api.signUp(`Isabel Importer ${width}`, { headline: 'Community lead' }));
    contactFile = linkedInExport([
      `Ravi,Menon,https://www.linkedin.com/in/ravi,${ravi.email},Northwind Pay,Staff engineer,01 Jan 2024`,
      `Sofia,Rossi,,${sofia!.email},,,02 Jan 2024`,
      `Omar,Haddad,,${omar!.email},Tideline,Founder,02 Jan 2024`,
      'Jonas,Berg,,jonas.berg@example.org,,,03 Jan 2024',
      'Marta,Silva,,marta.silva@example.org,Acme,Designer,03 Jan 2024',
      'Kenji,Watanabe,,kenji.w@example.org,,,04 Jan 2024',
      'No,Address,https://www.linkedin.com/in/none,,Acme,Intern,05 Jan 2024',
      'Bad,Address,,not-an-email,,,05 Jan 2024',
    ]);
    for (const importer of importers.values()) await api.connect(carol, importer);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    screens.report();
  });

  async function pageAs(member: ApiMember | null, width: number): Promise<Page> {
    const context = await screenContext(browser, server.baseUrl, width);
    contexts.push(context);
    const page = await context.newPage();
    if (member) {
      const status = await page.request.post('/api/v1/auth/login', { data: { email: member.email, password: PASSWORD, session: 'cookie' } }).then((r) => r.status());
      expect(status).toBe(200);
    }
    return page;
  }

  const shoot = (page: Page, name: string, width: number) => screens.shoot(page, name, width);

  for (const width of WIDTHS) {
    it.concurrent(`every growth screen at ${width} px`, { timeout: 240_000 }, async () => {
      // Contacts: import through the page, pick two people, send; the report and the outcomes show.
      const importer = importers.get(width)!;
      const contacts = await pageAs(importer, width);
      await contacts.goto('/contacts');
      await contacts.getByTestId('contacts-empty').waitFor();
      await contacts.getByLabel('Contact file').setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(contactFile) });
      await contacts.getByRole('button', { name: 'Import file' }).click();
      await contacts.getByTestId('import-report').waitFor();
      await contacts.getByTestId('member-contacts').waitFor();
      await contacts.getByLabel('Ravi Menon').check();
      await contacts.getByLabel('Jonas Berg').check();
      await contacts.getByLabel('One note for everyone (optional)').fill('Hi! I am moving my network over to Rapport. Glad to stay in touch here.');
      await contacts.getByRole('button', { name: 'Send 2 invitations' }).click();
      await contacts.getByText('2 invitations sent.').waitFor();
      await contacts.getByLabel('Marta Silva').check();
      await shoot(contacts, 'contacts', width);
      // A file that is refused, and what the page says.
      await contacts.getByLabel('Contact file').setInputFiles({ name: 'contacts.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n') });
      await contacts.getByRole('button', { name: 'Import file' }).click();
      await contacts.getByText('This kind of file cannot be imported.', { exact: false }).waitFor();
      await contacts.getByTestId('import-panel').screenshot({ path: join(OUT, `contacts-import-refused-${width}.png`) });

      const page = await pageAs(maya, width);
      await page.goto('/invite-link');
      await page.getByTestId('invite-link-panel').waitFor();
      await shoot(page, 'invite-link', width);

      const anonymous = await pageAs(null, width);
      await anonymous.goto(`/invite/${inviteToken}`);
      await anonymous.getByTestId('invite-owner').waitFor();
      await shoot(anonymous, 'invite-landing', width);

      const visitor = await pageAs(lena, width);
      await visitor.goto(`/invite/${inviteToken}`);
      await visitor.getByTestId('invite-owner').waitFor();
      await visitor.getByText('You are already connected with Maya Patel.').waitFor();
      const stranger = await pageAs(ana, width);
      await stranger.goto(`/invite/${inviteToken}`);
      await stranger.getByRole('button', { name: 'Send invitation' }).waitFor();
      await shoot(stranger, 'invite-landing-signed-in', width);

      // Someone new joins through the link: one click sends the invitation, then the profile step is offered.
      const newcomer = await pageAs(null, width);
      await newcomer.goto(`/invite/${inviteToken}`);
      await newcomer.getByRole('link', { name: 'Join to connect' }).click();
      await newcomer.getByLabel('Full name').fill(`Tomás Almeida`);
      await newcomer.getByLabel('Email').fill(`tomas.${width}.${Date.now()}@example.com`);
      await newcomer.getByLabel('Password').fill(PASSWORD);
      await newcomer.getByRole('button', { name: 'Create account' }).click();
      await newcomer.getByTestId('invite-next-step').waitFor();
      await shoot(newcomer, 'invite-landing-next-step', width);

      await page.goto('/introductions');
      await page.getByTestId('introduction').first().waitFor();
      await page.getByTestId('introduction-allowance').waitFor();
      expect(await page.getByTestId('introduction-remaining').textContent()).toMatch(/^4 of 5 introduction requests left this month; they renew on [A-Z][a-z]+ 1\./);
      await shoot(page, 'introductions', width);
      await page.getByRole('tab', { name: /Introduced to you/ }).click();
      await page.getByTestId('introduction').first().waitFor();
      await page.mouse.move(0, 0); // no hover state in the picture
      await shoot(page, 'introductions-received', width);

      await page.goto('/messages');
      await page.getByTestId('conversation').first().waitFor();
      await shoot(page, 'messages', width);
      await page.goto(`/messages/${carol.id}`);
      await page.getByTestId('direct-thread').waitFor();
      await shoot(page, 'message-thread', width);

      // Ravi: 2nd degree, with work, school, group and skills in common; Follow beside Connect.
      await page.goto(`/members/${ravi.id}`);
      await page.getByTestId('mutual-list').waitFor();
      await page.getByTestId('in-common').waitFor();
      await shoot(page, 'profile-growth', width);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByRole('dialog').getByTestId('connect-in-common').waitFor();
      await shoot(page, 'connect-dialog-in-common', width);
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Ask for an introduction' }).click();
      const ask = page.getByRole('dialog');
      await ask.getByLabel('Carol Nguyen').check();
      await ask.getByLabel('Your message to Carol').fill('Carol, could you introduce me to Ravi? We are choosing a payments provider.');
      await shoot(page, 'ask-introduction', width);
      await ask.getByRole('button', { name: 'Cancel' }).click();

      await page.goto(`/members/${company.id}`);
      await page.getByRole('heading', { name: 'Lumen Health', level: 1 }).waitFor();
      await page.getByTestId('follow-button').waitFor();
      await shoot(page, 'company-follow', width);

      await page.goto('/follows');
      await page.getByTestId('follow-item').first().waitFor();
      await shoot(page, 'follows', width);

      for (const name of ['contacts', 'invite-link', 'invite-landing', 'introductions', 'messages', 'message-thread', 'follows']) {
        expect(existsSync(join(OUT, `${name}-${width}.png`))).toBe(true);
      }
    });
  }

  it('finds no accessibility violations on any growth screen', () => {
    const { scanned, violations } = screens;
    if (!hasAxe) {
      console.log('[e2e] axe: node_modules/axe-core is not installed; accessibility scan skipped.');
      return;
    }
    console.log(`[e2e] axe (growth): scanned ${scanned.length} screens, ${violations.length} violations of any impact`);
    expect(scanned.length).toBeGreaterThanOrEqual(2 * 14);
    expect(violations.map(({ screen, violation }) => `${screen}: ${violation.id}`)).toEqual([]);
  });
});
