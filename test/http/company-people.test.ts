import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const names = (items: any[]): string[] => items.map((item) => item.name);

describe.each(backends)("a company's people on %s", (backend) => {
  let t: TestApp;
  let northwind: TestMember, ann: TestMember, ben: TestMember, cat: TestMember, dan: TestMember, eve: TestMember;

  beforeAll(async () => {
    t = await createTestApp(backend);
    northwind = await t.signUp('Northwind Traders', { kind: 'company' });
    [ann, ben, cat, dan, eve] = (await Promise.all(['Ann Able', 'Ben Bold', 'Cat Cole', 'Dan Dune', 'Eve Ever'].map((name) => t.signUp(name)))) as [TestMember, TestMember, TestMember, TestMember, TestMember];
    await t.connect(ann!, ben!); // ann — ben — cat
    await t.connect(ben!, cat!);
    await t.call('POST', '/api/v1/me/positions', ben, { company: 'Northwind Traders', title: 'Buyer', startYear: 2020 });
    await t.call('POST', '/api/v1/me/positions', cat, { company: 'northwind traders', title: 'Analyst', startYear: 2022 }); // the name in other case
    await t.call('POST', '/api/v1/me/positions', dan, { company: 'Northwind Traders', title: 'Clerk', startYear: 2010, endYear: 2015 }); // a past position
    await t.call('POST', '/api/v1/me/positions', eve, { company: 'Northwind Traders Holdings', title: 'Counsel', startYear: 2021 }); // another company
  });
  afterAll(async () => t?.close());

  it('lists the members whose current position names the company, with degree and mutual connections as search gives them', async () => {
    const people = await t.call('GET', `/api/v1/members/${northwind.id}/people`, ann);
    expect(people.status).toBe(200);
    expect(names(people.body.items).sort()).toEqual(['Ben Bold', 'Cat Cole']);
    expect(people.body.items.find((p: any) => p.name === 'Ben Bold')).toMatchObject({ id: ben.id, kind: 'person', degree: 1, mutualConnections: 0 });
    expect(people.body.items.find((p: any) => p.name === 'Cat Cole')).toMatchObject({ id: cat.id, degree: 2, mutualConnections: 1 });
    const search = await t.call('GET', '/api/v1/members?company=northwind&limit=100', ann);
    for (const person of people.body.items) {
      const found = search.body.items.find((item: any) => item.id === person.id);
      expect({ degree: person.degree, mutualConnections: person.mutualConnections }).toEqual({ degree: found.degree, mutualConnections: found.mutualConnections });
    }
    expect(people.body.nextCursor).toBeNull();
  });

  it('follows position changes at once: a member who leaves is no longer listed', async () => {
    const position = (await t.call('POST', '/api/v1/me/positions', eve, { company: 'Northwind Traders', title: 'Designer' })).body;
    expect(names((await t.call('GET', `/api/v1/members/${northwind.id}/people`, ann)).body.items)).toContain('Eve Ever');
    const positionId = position.member.positions.find((p: any) => p.title === 'Designer').id;
    expect((await t.call('DELETE', `/api/v1/me/positions/${positionId}`, eve)).status).toBe(204);
    expect(names((await t.call('GET', `/api/v1/members/${northwind.id}/people`, ann)).body.items)).not.toContain('Eve Ever');
  });

  it('pages with a cursor', async () => {
    const first = await t.call('GET', `/api/v1/members/${northwind.id}/people?limit=1`, ann);
    expect(first.body.items).toHaveLength(1);
    const second = await t.call('GET', `/api/v1/members/${northwind.id}/people?limit=1&cursor=${first.body.nextCursor}`, ann);
    expect([...names(first.body.items), ...names(second.body.items)].sort()).toEqual(['Ben Bold', 'Cat Cole']);
    expect(second.body.nextCursor).toBeNull();
    expect((await t.call('GET', `/api/v1/members/${northwind.id}/people?cursor=zzz`, ann)).body.code).toBe('invalid_cursor');
  });

  it("a person's page has no people; a member you cannot see is 404; people behind a block are left out", async () => {
    expect((await t.call('GET', `/api/v1/members/${ben.id}/people`, ann)).body).toEqual({ items: [], nextCursor: null });
    expect((await t.call('GET', '/api/v1/members/999999999999/people', ann)).status).toBe(404);
    await t.call('POST', '/api/v1/blocks', cat, { memberId: ann.id });
    expect(names((await t.call('GET', `/api/v1/members/${northwind.id}/people`, ann)).body.items)).toEqual(['Ben Bold']);
    await t.call('POST', '/api/v1/blocks', northwind, { memberId: dan.id });
    expect((await t.call('GET', `/api/v1/members/${northwind.id}/people`, dan)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/members/${northwind.id}/people`)).status).toBe(401);
  });
});
