import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const names = (items: any[]): string[] => items.map((item) => item.name);

describe.each(backends)('groups on %s', (backend) => {
  let t: TestApp;
  let ann: TestMember, ben: TestMember, cat: TestMember, dan: TestMember, eve: TestMember;
  let designId = '', chessId = '';

  beforeAll(async () => {
    t = await createTestApp(backend);
    [ann, ben, cat, dan, eve] = (await Promise.all(['Ann Able', 'Ben Bold', 'Cat Cole', 'Dan Dune', 'Eve Ever'].map((name) => t.signUp(name)))) as [TestMember, TestMember, TestMember, TestMember, TestMember];
    await t.connect(ann!, ben!); // ann — ben — cat;  dan and eve on their own
    await t.connect(ben!, cat!);
    designId = (await t.call('POST', '/api/v1/me/groups', ben, { name: 'Product Design Guild' })).body.group.id;
    for (const member of [cat!, dan!]) await t.call('POST', '/api/v1/me/groups', member, { name: 'Product Design Guild' });
    chessId = (await t.call('POST', '/api/v1/me/groups', eve, { name: 'Chess Club' })).body.group.id;
  });
  afterAll(async () => t?.close());

  it('finds groups by name, largest first, with the member count and whether you are in each', async () => {
    const all = await t.call('GET', '/api/v1/groups', ann);
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([
      { id: designId, name: 'Product Design Guild', memberCount: 3, joined: false },
      { id: chessId, name: 'Chess Club', memberCount: 1, joined: false },
    ]);
    expect(names((await t.call('GET', '/api/v1/groups?q=DESIGN', ann)).body.items)).toEqual(['Product Design Guild']);
    expect((await t.call('GET', '/api/v1/groups?q=chess', eve)).body.items).toEqual([expect.objectContaining({ name: 'Chess Club', joined: true })]);
    expect((await t.call('GET', '/api/v1/groups?q=%25', ann)).body.items).toEqual([]); // a wildcard is text
    expect((await t.call('GET', '/api/v1/groups')).status).toBe(401);
  });

  it('pages through the groups with a cursor, and refuses a forged one', async () => {
    const first = await t.call('GET', '/api/v1/groups?limit=1', ann);
    expect(names(first.body.items)).toEqual(['Product Design Guild']);
    const second = await t.call('GET', `/api/v1/groups?limit=1&cursor=${first.body.nextCursor}`, ann);
    expect([names(second.body.items), second.body.nextCursor]).toEqual([['Chess Club'], null]);
    const forged = await t.call('GET', '/api/v1/groups?cursor=abc', ann);
    expect([forged.status, forged.body.code]).toEqual([422, 'invalid_cursor']);
  });

  it('shows a group with its members, each with degree and mutual connections exactly as search gives them', async () => {
    const group = await t.call('GET', `/api/v1/groups/${designId}`, ann);
    expect(group.status).toBe(200);
    expect(group.body.group).toEqual({ id: designId, name: 'Product Design Guild', memberCount: 3, joined: false });
    const members = group.body.members.items;
    expect(names(members).sort()).toEqual(['Ben Bold', 'Cat Cole', 'Dan Dune']);
    expect(members.find((m: any) => m.name === 'Ben Bold')).toMatchObject({ degree: 1, mutualConnections: 0 });
    expect(members.find((m: any) => m.name === 'Cat Cole')).toMatchObject({ degree: 2, mutualConnections: 1 });
    expect(members.find((m: any) => m.name === 'Dan Dune')).toMatchObject({ degree: null, mutualConnections: 0 });
    const search = await t.call('GET', `/api/v1/members?group=${designId}&limit=100`, ann);
    for (const found of search.body.items) {
      const listed = members.find((m: any) => m.id === found.id);
      expect({ degree: listed.degree, mutualConnections: listed.mutualConnections }).toEqual({ degree: found.degree, mutualConnections: found.mutualConnections });
    }
    const paged = await t.call('GET', `/api/v1/groups/${designId}?limit=2`, ann);
    const rest = await t.call('GET', `/api/v1/groups/${designId}?limit=2&cursor=${paged.body.members.nextCursor}`, ann);
    expect([...names(paged.body.members.items), ...names(rest.body.members.items)].sort()).toEqual(['Ben Bold', 'Cat Cole', 'Dan Dune']);
    expect(rest.body.members.nextCursor).toBeNull();
  });

  it('answers 404 for a group that does not exist and 422 for an id that is not one', async () => {
    for (const url of ['/api/v1/groups/999999999999', '/api/v1/groups/999999999999']) {
      const answer = await t.call('GET', url, ann);
      expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
    }
    expect((await t.call('POST', '/api/v1/me/groups/999999999999', ann)).status).toBe(404);
    expect((await t.call('GET', '/api/v1/groups/abc', ann)).status).toBe(422);
  });

  it('joins by id (twice changes nothing) and leaves, with a bearer token', async () => {
    const join = await t.call('POST', `/api/v1/me/groups/${chessId}`, ann);
    expect(join.status).toBe(200);
    expect(join.body.group).toEqual({ id: chessId, name: 'Chess Club', memberCount: 2, joined: true });
    expect((await t.call('POST', `/api/v1/me/groups/${chessId}`, ann)).body.group.memberCount).toBe(2);
    const profile = await t.call('GET', `/api/v1/members/${ann.id}`, ben);
    expect(profile.body.member.groups).toEqual([{ id: chessId, name: 'Chess Club' }]);
    expect((await t.call('DELETE', `/api/v1/me/groups/${chessId}`, ann)).status).toBe(204);
    expect((await t.call('GET', `/api/v1/groups/${chessId}`, ann)).body.group).toMatchObject({ memberCount: 1, joined: false });
    expect((await t.call('DELETE', `/api/v1/me/groups/${chessId}`, ann)).status).toBe(404);
  });

  it('joins and leaves from a browser session, which needs the CSRF token', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: dan.email, password: 'correct horse battery', session: 'cookie' } });
    expect(login.statusCode).toBe(200);
    const session = login.cookies.find((c) => c.name === 'rapport_session')!;
    const csrf = login.cookies.find((c) => c.name === 'rapport_csrf')!;
    const cookie = `rapport_session=${session.value}; rapport_csrf=${csrf.value}`;
    const withoutCsrf = await t.app.inject({ method: 'POST', url: `/api/v1/me/groups/${chessId}`, headers: { cookie } });
    expect([withoutCsrf.statusCode, withoutCsrf.json().code]).toEqual([403, 'csrf_failed']);
    const join = await t.app.inject({ method: 'POST', url: `/api/v1/me/groups/${chessId}`, headers: { cookie, 'x-csrf-token': csrf.value } });
    expect([join.statusCode, join.json().group.joined]).toEqual([200, true]);
    const leave = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/groups/${chessId}`, headers: { cookie, 'x-csrf-token': csrf.value } });
    expect(leave.statusCode).toBe(204);
  });

  it('leaves members blocked either way out of the member list', async () => {
    expect((await t.call('POST', '/api/v1/blocks', dan, { memberId: ann.id })).status).toBeLessThan(300);
    const group = await t.call('GET', `/api/v1/groups/${designId}`, ann);
    expect(names(group.body.members.items).sort()).toEqual(['Ben Bold', 'Cat Cole']);
    expect(group.body.group.memberCount).toBe(3);
    await t.call('DELETE', `/api/v1/blocks/${ann.id}`, dan);
  });

  it('by default, sharing a group does not let a stranger invite (as before groups could be browsed)', async () => {
    await t.call('POST', `/api/v1/me/groups/${designId}`, eve); // eve and dan now share a group, nothing else
    const profile = await t.call('GET', `/api/v1/members/${dan.id}`, eve);
    expect(profile.body.relationship.canInvite).toMatchObject({ code: 'not_eligible', requiresEmail: true }); // only with the address
    const send = await t.call('POST', '/api/v1/invitations', eve, { recipientId: dan.id });
    expect([send.status, send.body.code]).toEqual([403, 'not_eligible']);
  });
});

describe.each(backends)('groups as shared context for eligibility (eligibilityThroughGroups) on %s', (backend) => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('lets members who share a group invite each other, and no one else beyond the 2nd degree', async () => {
    t = await createTestApp(backend, { eligibilityThroughGroups: true });
    const [gil, hal, ida] = await Promise.all(['Gil Gray', 'Hal Hart', 'Ida Iris'].map((name) => t.signUp(name)));
    const group = (await t.call('POST', '/api/v1/me/groups', gil, { name: 'Data Folk' })).body.group;
    await t.call('POST', `/api/v1/me/groups/${group.id}`, hal);
    expect((await t.call('GET', `/api/v1/members/${hal!.id}`, gil)).body.relationship.canInvite).toEqual({ allowed: true, requiresEmail: false });
    expect((await t.call('GET', `/api/v1/members/${ida!.id}`, gil)).body.relationship.canInvite).toMatchObject({ code: 'not_eligible', requiresEmail: true });
    const send = await t.call('POST', '/api/v1/invitations', gil, { recipientId: hal!.id });
    expect(send.status).toBe(201);
    const refused = await t.call('POST', '/api/v1/invitations', gil, { recipientId: ida!.id });
    expect([refused.status, refused.body.code]).toEqual([403, 'not_eligible']);
  });
});
