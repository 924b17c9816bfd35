import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../helpers/browser-session.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/** Seed 004, "don't invite your direct reports": a member names their manager; profiles show it. */
describe.each(backends)('naming a manager on %s', (backend) => {
  let t: TestApp;
  let rae: TestMember, max: TestMember, other: TestMember, company: TestMember;
  beforeAll(async () => {
    t = await createTestApp(backend);
    [rae, max, other, company] = await Promise.all([t.signUp('Rae Report'), t.signUp('Max Manager'), t.signUp('Oli Other'), t.signUp('Acme Corp', { kind: 'company' })]);
  });
  afterAll(() => t.close());

  const managerOf = async (member: TestMember, viewer: TestMember) => (await t.call('GET', `/api/v1/members/${member.id}`, viewer)).body.member.managerId;

  it('with a bearer token: set, shown to others on the profile, and cleared', async () => {
    const set = await t.call('PATCH', '/api/v1/me', rae, { managerId: max.id });
    expect([set.status, set.body.member.managerId]).toEqual([200, max.id]);
    expect(await managerOf(rae, other)).toBe(max.id);
    expect(await managerOf(rae, max)).toBe(max.id);
    expect((await t.call('PATCH', '/api/v1/me', rae, { managerId: null })).body.member.managerId).toBeNull();
    expect(await managerOf(rae, other)).toBeNull();
  });

  it('from a browser session, with the CSRF header (and refused without it)', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: rae.email, password: 'correct horse battery', session: 'cookie' } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const refused = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { cookie }, payload: { managerId: max.id } });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'csrf_failed']);
    const asBrowser = await browserSession(t, rae);
    const set = await asBrowser('PATCH', '/api/v1/me', { managerId: max.id });
    expect([set.status, set.body.member.managerId]).toEqual([200, max.id]);
  });

  it('never yourself, a company page, an unknown member, or someone either of you blocked', async () => {
    const refusal = async (managerId: string) => {
      const answer = await t.call('PATCH', '/api/v1/me', other, { managerId });
      return [answer.status, answer.body.code, answer.body.detail];
    };
    expect(await refusal(other.id)).toEqual([422, 'validation_failed', 'managerId: you cannot be your own manager.']);
    expect(await refusal(company.id)).toEqual([422, 'validation_failed', 'managerId: a manager is a person, not a company page.']);
    expect(await refusal('999999999')).toEqual([422, 'validation_failed', 'managerId: no such member.']);
    expect((await t.call('POST', '/api/v1/blocks', max, { memberId: other.id })).status).toBeLessThan(300);
    expect(await refusal(max.id)).toEqual([422, 'validation_failed', 'managerId: no such member.']);
    expect(await managerOf(other, rae)).toBeNull();
  });
});
