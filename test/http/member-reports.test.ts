import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/** A browser session: the session cookie, and (for writes) the CSRF header. */
async function browserSession(t: TestApp, member: TestMember) {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email, password: 'correct horse battery', session: 'cookie' } });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie: { cookie }, withCsrf: { cookie, 'x-csrf-token': login.cookies.find((c) => c.name === 'rapport_csrf')!.value } };
}

describe.each(backends)('reporting a member outside an invitation on %s', (backend) => {
  let t: TestApp;
  let admin: TestMember;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await t.signUp('Admin', { email: 'admin@example.com' });
  });
  afterAll(() => t.close());

  const someone = (name: string) => t.signUp(`${name} ${++n}`);
  const report = (by: TestMember | null, memberId: string, body: unknown, headers?: Record<string, string>) =>
    t.call('POST', `/api/v1/members/${memberId}/report`, by, body, headers);
  const adminQueue = async () => (await t.call('GET', '/api/v1/admin/reports', admin)).body.items as any[];

  it('files a report from a profile into the admin queue, once however often it is sent', async () => {
    const [ann, bob] = [await someone('Ann'), await someone('Bob')];
    const first = await report(ann, bob.id, { reason: 'fake_profile' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ report: { memberId: bob.id, reason: 'fake_profile', source: 'profile' }, blocked: false });
    const again = await report(ann, bob.id, { reason: 'spam', source: 'conversation' });
    expect(again.status).toBe(201);
    expect(again.body.report).toEqual(first.body.report);

    const queued = (await adminQueue()).filter((item) => item.member.id === bob.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ id: first.body.report.id, reason: 'fake_profile', source: 'profile', reporter: { id: ann.id, name: ann.name }, member: { id: bob.id }, memberReportCount: 1 });
    // Outside invitations, reports go to admins only by default: the reported member's standing is untouched.
    expect((await t.call('GET', '/api/v1/me/standing', bob)).body.standing).toMatchObject({ reports: 0, restricted: false });
  });

  it('refuses reporting yourself (422), an unknown or blocking member (404), an unknown reason (422), and the queue to non-admins (403)', async () => {
    const [cid, dee] = [await someone('Cid'), await someone('Dee')];
    const self = await report(cid, cid.id, { reason: 'spam' });
    expect([self.status, self.body.code]).toEqual([422, 'cannot_report_self']);
    const unknown = await report(cid, '999999999', { reason: 'spam' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    expect((await t.call('POST', '/api/v1/blocks', dee, { memberId: cid.id })).status).toBeLessThan(300);
    const blocking = await report(cid, dee.id, { reason: 'harassment' });
    expect([blocking.status, blocking.body.code]).toEqual([404, 'not_found']);
    const badReason = await report(dee, cid.id, { reason: 'rude' });
    expect([badReason.status, badReason.body.code]).toEqual([422, 'validation_failed']);
    expect((await report(null, cid.id, { reason: 'spam' })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/admin/reports', cid)).status).toBe(403);
  });

  it('reports from a conversation in a browser session (CSRF required), blocking at the same time', async () => {
    const [eve, fay] = [await someone('Eve'), await someone('Fay')];
    await t.connect(eve, fay);
    const browser = await browserSession(t, eve);
    const noCsrf = await report(null, fay.id, { reason: 'harassment', source: 'conversation' }, browser.cookie);
    expect([noCsrf.status, noCsrf.body.code]).toEqual([403, 'csrf_failed']);
    const filed = await report(null, fay.id, { reason: 'harassment', source: 'conversation', block: true }, browser.withCsrf);
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ report: { reason: 'harassment', source: 'conversation' }, blocked: true });
    expect((await t.call('GET', `/api/v1/members/${fay.id}`, eve)).status).toBe(404);
    expect((await t.call('GET', '/api/v1/blocks', eve)).body.items.map((m: { id: string }) => m.id)).toContain(fay.id);
    // Reporting again after the block still answers the same report.
    const again = await report(eve, fay.id, { reason: 'spam' });
    expect([again.status, again.body.report.id]).toEqual([201, filed.body.report.id]);
    expect((await adminQueue()).find((item) => item.member.id === fay.id)).toMatchObject({ source: 'conversation', reporter: { id: eve.id } });
  });
});

describe.each(backends)('member reports counting toward standing (memberReportsCountTowardStanding) on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { memberReportsCountTowardStanding: true, reportRestrictThreshold: 3, lowAcceptance: null });
  });
  afterAll(() => t.close());

  it('counts each reporter once, and restricts at the threshold for reports', async () => {
    const sender = await t.signUp('Pushy Sender');
    const [r1, r2, r3] = [await t.signUp('Reporter One'), await t.signUp('Reporter Two'), await t.signUp('Reporter Three')];
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: r1.id, email: r1.email });
    await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/report`, r1, { reason: 'spam' });
    // r1 reports the member too: the same person's complaint counts once.
    expect((await t.call('POST', `/api/v1/members/${sender.id}/report`, r1, { reason: 'spam' })).status).toBe(201);
    expect((await t.call('GET', '/api/v1/me/standing', sender)).body.standing).toMatchObject({ reports: 1, restricted: false });
    await t.call('POST', `/api/v1/members/${sender.id}/report`, r2, { reason: 'fake_profile' });
    await t.call('POST', `/api/v1/members/${sender.id}/report`, r2, { reason: 'fake_profile' });
    const warned = (await t.call('GET', '/api/v1/me/standing', sender)).body.standing;
    expect(warned).toMatchObject({ reports: 2, restricted: false, warnings: ['reports'] });
    await t.call('POST', `/api/v1/members/${sender.id}/report`, r3, { reason: 'harassment' });
    expect((await t.call('GET', '/api/v1/me/standing', sender)).body.standing).toMatchObject({ reports: 3, restricted: true, restrictionReason: 'reports' });
  });
});
