import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const names = (body: any): string[] => body.items.map((item: any) => item.name).sort();

describe.each(backends)('people search by skill, with the other filters, on %s', (backend) => {
  let t: TestApp;
  let ann: TestMember;

  beforeAll(async () => {
    t = await createTestApp(backend);
    const [a, ben, cat, dan] = await Promise.all(['Ann Able', 'Ben Bold', 'Cat Cole', 'Dan Dune'].map((name) => t.signUp(name)));
    ann = a!;
    await t.connect(ann, ben!);
    await t.connect(ben!, cat!);
    await t.call('PUT', '/api/v1/me/skills', ben, { skills: ['TypeScript', 'PostgreSQL'] });
    await t.call('PUT', '/api/v1/me/skills', cat, { skills: ['Typography', 'Figma'] });
    await t.call('PUT', '/api/v1/me/skills', dan, { skills: ['TypeScript'] });
    await t.call('POST', '/api/v1/me/positions', dan, { company: 'Globex', title: 'Engineer' });
    await t.call('PATCH', '/api/v1/me', ben, { location: 'Lisbon' });
  });
  afterAll(async () => t?.close());

  const search = (query: string) => t.call('GET', `/api/v1/members?${query}`, ann);

  it('finds members by a skill they list, case-insensitively and by part of it', async () => {
    expect(names((await search('skill=typescript')).body)).toEqual(['Ben Bold', 'Dan Dune']);
    expect(names((await search('skill=TYPO')).body)).toEqual(['Cat Cole']);
    expect(names((await search('skill=postgres')).body)).toEqual(['Ben Bold']);
    expect(names((await search('skill=cobol')).body)).toEqual([]);
    expect(names((await search('skill=%25')).body)).toEqual([]); // a wildcard is text
  });

  it('combines the skill with the text, the other filters and the degree', async () => {
    expect(names((await search('skill=typescript&company=globex')).body)).toEqual(['Dan Dune']);
    expect(names((await search('skill=typescript&location=lisbon')).body)).toEqual(['Ben Bold']);
    expect(names((await search('skill=typescript&degree=1')).body)).toEqual(['Ben Bold']);
    expect(names((await search('skill=typ&degree=2')).body)).toEqual(['Cat Cole']);
    expect(names((await search('skill=typescript&q=dune')).body)).toEqual(['Dan Dune']);
    const found = await search('skill=typescript&degree=1');
    expect(found.body.items[0]).toMatchObject({ degree: 1, mutualConnections: 0 });
  });

  it('refuses an empty or overlong skill', async () => {
    for (const query of ['skill=', `skill=${'x'.repeat(121)}`]) {
      const answer = await search(query);
      expect([answer.status, answer.body.code]).toEqual([422, 'validation_failed']);
    }
  });
});
