import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXE, hasAxe } from './screen-shots.js';
import { ensureWebBuilt, hasChromium, launchBrowser, logInInBrowser, newContext, PASSWORD, repoRoot, reportSkip, startServer, type ApiMember, type RunningServer } from './support.js';

reportSkip('groups-and-search');

type Person = { id: string; name: string; degree: 1 | 2 | 3 | null; mutualConnections: number };
type Page_<T> = { items: T[]; nextCursor: string | null };

const SHOTS = join(repoRoot, 'docs/screenshots');
const degreeText = (degree: Person['degree']) => (degree === 1 ? '1st' : degree === 2 ? '2nd' : degree === 3 ? '3rd' : 'Out of network');
const mutualText = (count: number) => `${count} mutual connection${count === 1 ? '' : 's'}`;

describe.skipIf(!hasChromium)('groups, a company\'s people and advanced search, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ada: ApiMember, ben: ApiMember, cat: ApiMember, dan: ApiMember;
  let companyId = '';
  let groupId = '';

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const api = server.api;
    ada = await api.signUp('Ada Lovelace', { headline: 'Analyst' });
    ben = await api.signUp('Ben Okafor', { headline: 'Staff engineer' });
    cat = await api.signUp('Cat Moreno', { headline: 'Product designer' });
    dan = await api.signUp('Dan Weiss', { headline: 'Illustrator' });
    await api.connect(ada, ben); // ada — ben — cat;  dan on his own
    await api.connect(ben, cat);
    const company = await api.ok<{ member: { id: string } }>(null, 'POST', '/auth/signup', { email: `northwind.${Date.now()}@example.com`, password: PASSWORD, name: 'Northwind Traders', kind: 'company' });
    companyId = company.member.id;
    await api.ok(ben.token, 'POST', '/me/positions', { company: 'Northwind Traders', title: 'Staff Engineer', startYear: 2019 });
    await api.ok(cat.token, 'POST', '/me/positions', { company: 'Northwind Traders', title: 'Product Designer', startYear: 2022 });
    await api.ok(dan.token, 'POST', '/me/positions', { company: 'Northwind Traders', title: 'Illustrator', startYear: 2012, endYear: 2016 });
    await api.ok(ben.token, 'PUT', '/me/skills', { skills: ['TypeScript', 'PostgreSQL'] });
    await api.ok(cat.token, 'PUT', '/me/skills', { skills: ['Figma', 'TypeScript'] });
    await api.ok(dan.token, 'PUT', '/me/skills', { skills: ['TypeScript', 'Illustration'] });
    await api.ok(ben.token, 'PATCH', '/me', { location: 'Lisbon, Portugal' });
    groupId = (await api.ok<{ group: { id: string } }>(ben.token, 'POST', '/me/groups', { name: 'Product Design Guild' })).group.id;
    await api.ok(cat.token, 'POST', `/me/groups/${groupId}`);
    await api.ok(dan.token, 'POST', `/me/groups/${groupId}`);
    await api.ok(dan.token, 'POST', '/me/groups', { name: 'Data Visualisation Circle' });
    context = await newContext(browser, server.baseUrl);
    if (hasAxe) await context.addInitScript({ path: AXE }); // an init script, as the CSP refuses inline ones
    page = await logInInBrowser(context, ada.email);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /** What axe-core finds wrong on the page as it stands (nothing, when axe-core is not installed). */
  async function axeViolations(): Promise<string[]> {
    if (!hasAxe) return [];
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document);
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  }

  /** Each card shows the person's degree and mutual connections exactly as the API gives them. */
  async function expectCardsMatch(testId: string, people: Person[]) {
    const cards = page.getByTestId(testId);
    expect(await cards.count()).toBe(people.length);
    for (const person of people) {
      const card = page.locator(`[data-testid="${testId}"][data-member-id="${person.id}"]`);
      const text = (await card.textContent()) ?? '';
      expect(text).toContain(person.name);
      if (person.id === ada.id) expect(text).toContain('You');
      else {
        expect(await card.getByTestId('degree-badge').textContent()).toBe(degreeText(person.degree));
        expect(text).toContain(mutualText(person.mutualConnections));
      }
    }
  }

  it('finds a group by name, joins it, and sees its members with the degrees the API gives', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups', exact: true }).click();
    await page.getByLabel('Group name').fill('design');
    await page.getByRole('button', { name: 'Find groups' }).click();
    await page.waitForURL(/\/groups\?q=design$/);
    const card = page.getByTestId('group-result').filter({ hasText: 'Product Design Guild' });
    const before = await server.api.ok<Page_<{ id: string; memberCount: number; joined: boolean }>>(ada.token, 'GET', '/groups?q=design');
    expect(before.items).toHaveLength(1);
    await card.waitFor();
    expect(await page.getByTestId('group-result').count()).toBe(1);
    expect(await card.getByTestId('group-count').textContent()).toBe(`${before.items[0]!.memberCount} members`);

    await card.getByRole('button', { name: 'Join Product Design Guild' }).click();
    await card.getByRole('button', { name: 'Leave Product Design Guild' }).waitFor();
    const after = await server.api.ok<{ group: { memberCount: number; joined: boolean }; members: Page_<Person> }>(ada.token, 'GET', `/groups/${groupId}`);
    expect(after.group).toMatchObject({ memberCount: before.items[0]!.memberCount + 1, joined: true });
    expect(await card.getByTestId('group-count').textContent()).toBe(`${after.group.memberCount} members · You are a member`);

    await card.getByRole('link', { name: 'Product Design Guild' }).click();
    await page.getByRole('heading', { name: 'Product Design Guild', level: 1 }).waitFor();
    await page.getByTestId('group-member').first().waitFor();
    await expectCardsMatch('group-member', after.members.items);
    expect(after.members.items.map((m) => m.degree).sort()).toEqual([1, 2, null, null]); // ben, cat, dan, and Ada herself

    await page.screenshot({ path: join(SHOTS, 'groups.png'), fullPage: true });
    expect(await axeViolations()).toEqual([]);

    // Connect with a 2nd-degree member right from the group.
    const catCard = page.locator(`[data-testid="group-member"][data-member-id="${cat.id}"]`);
    await catCard.getByRole('button', { name: 'Connect with Cat Moreno' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Invitation sent.').waitFor();
    await page.keyboard.press('Escape');
    await catCard.getByText('Invited').waitFor();
    const sent = await server.api.ok<Page_<{ recipient: { id: string } | null }>>(ada.token, 'GET', '/invitations/sent');
    expect(sent.items.map((i) => i.recipient?.id)).toContain(cat.id);
  });

  it('shows the groups a member is in on their profile', async () => {
    for (const member of [ada, dan]) {
      const profile = await server.api.ok<{ member: { groups: { id: string; name: string }[] } }>(ada.token, 'GET', `/members/${member.id}`);
      await page.goto(`/members/${member.id}`);
      const panel = page.getByTestId('profile-groups');
      await panel.getByRole('heading', { name: 'Groups' }).waitFor();
      const shown = await panel.getByRole('link').allTextContents();
      expect(shown.sort()).toEqual(profile.member.groups.map((g) => g.name).sort());
      expect(shown.length).toBeGreaterThan(0);
    }
    await page.getByTestId('profile-groups').getByRole('link', { name: 'Data Visualisation Circle' }).click();
    await page.getByRole('heading', { name: 'Data Visualisation Circle', level: 1 }).waitFor();
  });

  it("lists a company's people (current positions only) with Connect", async () => {
    const people = await server.api.ok<Page_<Person>>(ada.token, 'GET', `/members/${companyId}/people`);
    expect(people.items.map((p) => p.name).sort()).toEqual(['Ben Okafor', 'Cat Moreno']);
    await page.goto(`/members/${companyId}`);
    await page.getByRole('heading', { name: 'People at Northwind Traders' }).waitFor();
    await page.getByTestId('company-person').first().waitFor();
    await expectCardsMatch('company-person', people.items);
    const benCard = page.locator(`[data-testid="company-person"][data-member-id="${ben.id}"]`);
    await benCard.getByText('Connected').waitFor();
    expect(await page.getByTestId('company-people').textContent()).not.toContain('Dan Weiss');
    await page.getByTestId('company-people').screenshot({ path: join(SHOTS, 'company-people.png') });
    expect(await axeViolations()).toEqual([]);
  });

  it('searches with filters kept in the address; the results match the API, and Back returns to the previous search', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: 'Search people', level: 1 }).waitFor();
    await page.getByLabel('Skill').fill('typescript');
    await page.getByRole('checkbox', { name: '1st' }).check();
    await page.getByRole('checkbox', { name: '2nd' }).check();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('skill') === 'typescript' && url.searchParams.get('degree') === '1,2');
    const bySkill = await server.api.ok<Page_<Person>>(ada.token, 'GET', '/members?skill=typescript&degree=1,2');
    expect(bySkill.items.map((p) => p.name).sort()).toEqual(['Ben Okafor', 'Cat Moreno']);
    await page.getByTestId('search-result').first().waitFor();
    await expectCardsMatch('search-result', bySkill.items);
    await page.screenshot({ path: join(SHOTS, 'search-filters.png'), fullPage: true });
    expect(await axeViolations()).toEqual([]);

    // A second search, then Back: the first comes back, fields and results alike.
    await page.getByLabel('Skill').fill('');
    await page.getByRole('checkbox', { name: '1st' }).uncheck();
    await page.getByRole('checkbox', { name: '2nd' }).uncheck();
    await page.getByLabel('Location').fill('lisbon');
    await page.getByLabel('Company').fill('northwind');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('location') === 'lisbon' && url.searchParams.get('company') === 'northwind' && !url.searchParams.has('skill'));
    const byPlace = await server.api.ok<Page_<Person>>(ada.token, 'GET', '/members?company=northwind&location=lisbon');
    expect(byPlace.items.map((p) => p.name)).toEqual(['Ben Okafor']);
    await page.getByTestId('search-result').filter({ hasText: 'Ben Okafor' }).waitFor();
    await expectCardsMatch('search-result', byPlace.items);

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('skill') === 'typescript');
    await page.getByTestId('search-result').filter({ hasText: 'Cat Moreno' }).waitFor();
    expect(await page.getByLabel('Skill').inputValue()).toBe('typescript');
    expect(await page.getByRole('checkbox', { name: '2nd' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Location').inputValue()).toBe('');
    await expectCardsMatch('search-result', bySkill.items);

    // The address alone is enough: a bookmarked search opens with its filters.
    await page.goto('/search?skill=typescript&degree=3');
    await page.getByRole('heading', { name: 'Search people', level: 1 }).waitFor();
    const third = await server.api.ok<Page_<Person>>(ada.token, 'GET', '/members?skill=typescript&degree=3');
    expect(await page.getByRole('checkbox', { name: '3rd' }).isChecked()).toBe(true);
    if (third.items.length === 0) await page.getByText('Nobody matches this search').waitFor();
    else {
      await page.getByTestId('search-result').first().waitFor();
      await expectCardsMatch('search-result', third.items);
    }
  });
});
