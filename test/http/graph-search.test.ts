import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSync, type GraphHandle } from '../../src/graph/registry.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

type Mode = 'index' | 'sql';
const modes = backends.flatMap((backend) => [[backend, 'index'], [backend, 'sql']] as [TestApp['backend'], Mode][]);

const names = (body: any): string[] => body.items.map((item: any) => item.name);

describe.each(modes)('people search with filters on %s from %s', (backend, mode) => {
  let t: TestApp;
  let graph: GraphHandle | undefined;
  let ann: TestMember, ben: TestMember, cat: TestMember, dan: TestMember, eve: TestMember;
  const crowd: TestMember[] = [];
  let chessId = '';

  beforeAll(async () => {
    // The service starts its own index unless told not to; 'index' mode also holds one directly, to read its stats.
    t = await createTestApp(backend, {}, { RAPPORT_GRAPH_INDEX: mode === 'index' ? 'on' : 'off' });
    if (mode === 'index') graph = await startGraphSync(t.service.ctx);
    [ann, ben, cat, dan, eve] = (await Promise.all(['Ann Able', 'Ben Bold', 'Cat Cole', 'Dan Dune', 'Eve Ever'].map((name) => t.signUp(name)))) as TestMember[] as [TestMember, TestMember, TestMember, TestMember, TestMember];
    await t.connect(ann, ben); // ann — ben — cat — dan;  eve on her own
    await t.connect(ben, cat);
    await t.connect(cat, dan);
    await t.call('POST', '/api/v1/me/positions', ben, { company: 'Globex Corporation', title: 'Staff Engineer', startYear: 2019 });
    await t.call('POST', '/api/v1/me/education', cat, { school: 'Northfield University', degree: 'BSc' });
    await t.call('PATCH', '/api/v1/me', dan, { location: 'Lisbon, Portugal' });
    chessId = (await t.call('POST', '/api/v1/me/groups', eve, { name: 'Chess Club' })).body.group.id;
    for (let k = 0; k < 5; k++) {
      const member = await t.signUp(`Zed Crowd ${k}`);
      await t.connect(ben, member); // five more 2nd-degree members for ann
      crowd.push(member);
    }
  });
  afterAll(async () => {
    await graph?.stop();
    await t?.close();
  });

  const search = (query: string, as: TestMember = ann) => t.call('GET', `/api/v1/members?${query}`, as);

  it('filters by company, title, school, location and group, and gives the degree and mutual count of each result', async () => {
    const company = await search('company=globex');
    expect(company.status).toBe(200);
    expect(company.body.items).toEqual([expect.objectContaining({ name: 'Ben Bold', degree: 1, mutualConnections: 0 })]);
    expect(names((await search('title=staff%20eng')).body)).toEqual(['Ben Bold']);
    expect((await search('school=northfield')).body.items).toEqual([expect.objectContaining({ name: 'Cat Cole', degree: 2, mutualConnections: 1 })]);
    expect((await search('location=lisbon')).body.items).toEqual([expect.objectContaining({ name: 'Dan Dune', degree: 3, mutualConnections: 0 })]);
    expect((await search('group=chess')).body.items).toEqual([expect.objectContaining({ name: 'Eve Ever', degree: null })]);
    expect(names((await search(`group=${chessId}`)).body)).toEqual(['Eve Ever']);
    expect(names((await search('q=cole&school=northfield')).body)).toEqual(['Cat Cole']);
    expect(names((await search('q=ben&school=northfield')).body)).toEqual([]);
  });

  it('filters by degree: 1st, 2nd, 3rd or a list', async () => {
    expect(names((await search('degree=1')).body)).toEqual(['Ben Bold']);
    expect(names((await search('degree=3')).body)).toEqual(['Dan Dune']);
    const second = await search('degree=2&limit=100');
    expect(names(second.body).sort()).toEqual(['Cat Cole', ...crowd.map((m) => m.name)].sort());
    expect(second.body.items.every((item: any) => item.degree === 2 && item.mutualConnections === 1)).toBe(true);
    expect(names((await search('degree=1,3&limit=100')).body).sort()).toEqual(['Ben Bold', 'Dan Dune']);
    expect(names((await search('degree=2&q=cole')).body)).toEqual(['Cat Cole']);
    const bad = await search('degree=4');
    expect([bad.status, bad.body.code]).toEqual([422, 'validation_failed']);
  });

  it('pages through a degree-filtered search without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await search(`degree=2&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...names(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['Cat Cole', ...crowd.map((m) => m.name)].sort());
  });

  it('hides members blocked either way and follows connection changes at once', async () => {
    await t.call('POST', '/api/v1/blocks', crowd[0], { memberId: ann.id });
    expect(names((await search('degree=2&limit=100')).body)).not.toContain(crowd[0]!.name);
    await t.connect(ann, dan);
    expect((await search('location=lisbon')).body.items[0]).toMatchObject({ degree: 1, mutualConnections: 0 });
    await t.call('DELETE', `/api/v1/connections/${dan.id}`, ann);
    expect((await search('location=lisbon')).body.items[0]).toMatchObject({ degree: 3 });
    const mutual = await t.call('GET', `/api/v1/members/${cat.id}/mutual-connections`, ann);
    expect(mutual.body.items.map((m: any) => m.name)).toEqual(['Ben Bold']);
  });
});
