import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

describe.each(backends)('a profile says what you have in common, and which button comes first, on %s', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend, { maxConnections: 2 });
  });
  afterAll(() => t.close());

  it('lists shared companies with the years both were there, schools, groups and skills', async () => {
    const ann = await t.signUp('Ann Archer');
    const ben = await t.signUp('Ben Brook');
    const add = (who: typeof ann, path: string, body: unknown) => t.call('POST', `/api/v1/me/${path}`, who, body);
    await add(ann, 'positions', { company: 'Acme', title: 'Engineer', startYear: 2010, endYear: 2015 });
    await add(ben, 'positions', { company: 'ACME', title: 'Designer', startYear: 2013 });
    await add(ann, 'positions', { company: 'Globex', title: 'Lead', startYear: 2001, endYear: 2003 });
    await add(ben, 'positions', { company: 'Globex', title: 'Intern', startYear: 2005, endYear: 2006 });
    await add(ben, 'positions', { company: 'Initech', title: 'Analyst', startYear: 2000 });
    await add(ann, 'education', { school: 'Delft University', startYear: 2004, endYear: 2008 });
    await add(ben, 'education', { school: 'delft university' });
    await add(ann, 'groups', { name: 'Rust Users' });
    await add(ben, 'groups', { name: 'Rust Users' });
    await add(ben, 'groups', { name: 'Gardeners' });
    await t.call('PUT', '/api/v1/me/skills', ann, { skills: ['TypeScript', 'SQL', 'Go'] });
    await t.call('PUT', '/api/v1/me/skills', ben, { skills: ['sql', 'typescript', 'Design'] });
    const carl = await t.signUp('Carl Cole');
    await t.connect(ann, carl);
    await t.connect(ben, carl);

    const profile = await t.call('GET', `/api/v1/members/${ben.id}`, ann);
    expect(profile.status).toBe(200);
    const groupId = profile.body.member.groups.find((g: { name: string }) => g.name === 'Rust Users').id;
    expect(profile.body.inCommon).toEqual({
      mutualConnections: 1,
      companies: [
        { name: 'ACME', overlap: { from: 2013, to: 2015 }, apart: false },
        { name: 'Globex', overlap: null, apart: true },
      ],
      schools: [{ name: 'delft university', overlap: null, apart: false }],
      groups: [{ id: groupId, name: 'Rust Users' }],
      skills: ['sql', 'typescript'],
    });

    const own = await t.call('GET', `/api/v1/members/${ann.id}`, ann);
    expect(own.body.inCommon).toEqual({ mutualConnections: 0, companies: [], schools: [], groups: [], skills: [] });
    expect(own.body.relationship).toMatchObject({ canFollow: false, following: false, primaryAction: null });
  });

  it('shows Follow first where the member asked for it or connecting is closed, and whether you follow', async () => {
    const dan = await t.signUp('Dan Dale');
    const eve = await t.signUp('Eve Eng');
    const relationship = async () => (await t.call('GET', `/api/v1/members/${eve.id}`, dan)).body.relationship;
    expect(await relationship()).toMatchObject({ following: false, canFollow: true, primaryAction: 'connect' });
    await t.call('PUT', '/api/v1/me/follow-primary', eve, { enabled: true });
    expect(await relationship()).toMatchObject({ following: false, primaryAction: 'follow' });
    expect((await t.call('POST', '/api/v1/follows', dan, { memberId: eve.id })).status).toBe(201);
    expect(await relationship()).toMatchObject({ following: true, primaryAction: 'follow' });

    await t.connect(dan, eve);
    expect(await relationship()).toMatchObject({ following: true, primaryAction: null });

    const acme = await t.signUp('Acme Corp', { kind: 'company' });
    const page = (await t.call('GET', `/api/v1/members/${acme.id}`, dan)).body.relationship;
    expect(page).toMatchObject({ canFollow: true, following: false, primaryAction: 'follow', canInvite: { allowed: false, code: 'companies_cannot_connect' } });

    const [f1, f2, fan] = await Promise.all([t.signUp('Full One'), t.signUp('Full Two'), t.signUp('Full Fan')]);
    await t.connect(f1, f2);
    const full = await t.signUp('Full Star');
    await t.connect(full, f1);
    await t.connect(full, f2); // maxConnections is 2 here
    expect((await t.call('GET', `/api/v1/members/${full.id}`, fan)).body.relationship).toMatchObject({ canFollow: true, primaryAction: 'follow' });
  });
});
