import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/** A browser session: the session cookie, and the CSRF header every write needs. */
async function browserSession(t: TestApp, member: TestMember): Promise<Record<string, string>> {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email, password: 'correct horse battery', session: 'cookie' } });
  expect(login.statusCode).toBe(200);
  const csrf = login.cookies.find((c) => c.name === 'rapport_csrf')!.value;
  return { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': csrf };
}

describe.each(backends)('standing you can see, before it bites, on %s', (backend) => {
  let t: TestApp;
  let n = 0;
  const policy = { reportRestrictThreshold: 3, lowAcceptance: { minDecided: 4, minAcceptRate: 0.5 }, standingWarnWithin: { reports: 1, answers: 2 } };
  beforeAll(async () => {
    t = await createTestApp(backend, policy);
  });
  afterAll(() => t.close());

  const crowd = async (prefix: string, count: number) => {
    const members: TestMember[] = [];
    for (let i = 0; i < count; i++) members.push(await t.signUp(`${prefix} ${++n}`));
    return members;
  };
  const invite = async (from: TestMember, to: TestMember) => {
    const sent = await t.call('POST', '/api/v1/invitations', from, { recipientId: to.id, email: to.email });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return sent.body.invitation.id as string;
  };
  const answer = async (from: TestMember, to: TestMember, action: 'accept' | 'ignore' | 'decline' | 'report') => {
    const id = await invite(from, to);
    const answered = await t.call('POST', `/api/v1/invitations/${id}/${action}`, to, action === 'report' ? { reason: 'dont_know' } : undefined);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  };
  const standingOf = async (member: TestMember) => (await t.call('GET', '/api/v1/me/standing', member)).body.standing;
  const restrictionMails = async (member: TestMember) => {
    await t.call('POST', '/api/v1/_test/run-due');
    const items = (await t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(member.email)}`)).body.items as { template: string; text: string }[];
    return items.filter((mail) => mail.template === 'restricted');
  };

  it('shows reports against the threshold, warns one report before it, and gives the real reason once restricted', async () => {
    const sender = await t.signUp(`Report Sender ${++n}`);
    const [a, b, c] = await crowd('Report Recipient', 3);
    const fresh = await standingOf(sender);
    // API.md's fields stay.
    expect(fresh).toMatchObject({ restricted: false, reports: 0, restrictionCount: 0, canSelfLift: false, restrictionReason: null, warnings: [] });
    expect(fresh.rules.reports).toEqual({ count: 0, threshold: 3, left: 3, warning: false });
    expect(fresh.rules.acceptance).toEqual({ decided: 0, accepted: 0, rate: null, minDecided: 4, minAcceptRate: 0.5, left: 4, warning: false });

    await answer(sender, a!, 'report');
    expect((await standingOf(sender)).rules.reports).toMatchObject({ count: 1, left: 2, warning: false });
    await answer(sender, b!, 'report');
    const warned = await standingOf(sender);
    expect(warned).toMatchObject({ restricted: false, reports: 2, warnings: expect.arrayContaining(['reports']) });
    expect(warned.rules.reports).toEqual({ count: 2, threshold: 3, left: 1, warning: true });
    // The same standing in a browser session, and in GET /me.
    const browser = await browserSession(t, sender);
    expect((await t.call('GET', '/api/v1/me/standing', null, undefined, browser)).body.standing).toEqual(warned);
    expect((await t.call('GET', '/api/v1/me', sender)).body.standing).toEqual(warned);
    expect(await restrictionMails(sender)).toEqual([]);

    await answer(sender, c!, 'report');
    const restricted = await standingOf(sender);
    expect(restricted).toMatchObject({ restricted: true, reports: 3, restrictionReason: 'reports', canSelfLift: true, warnings: [] });
    const [mail] = await restrictionMails(sender);
    expect(mail!.text).toContain('Recipients reported 3 of your invitations as unwanted (the limit is 3).');

    const lifted = await t.call('POST', '/api/v1/me/standing/lift', null, { agree: true }, browser);
    expect(lifted.status).toBe(200);
    expect(lifted.body.standing).toMatchObject({ restricted: false, reports: 0, restrictionReason: null, warnings: [] });
  });

  it('shows the acceptance rate over recent answered invitations, warns before low acceptance restricts, and says so in the mail', async () => {
    const sender = await t.signUp(`Acceptance Sender ${++n}`);
    const [a, b, c, d] = await crowd('Acceptance Recipient', 4);
    await answer(sender, a!, 'decline');
    expect((await standingOf(sender)).rules.acceptance).toMatchObject({ decided: 1, accepted: 0, rate: 0, left: 3, warning: false });
    await answer(sender, b!, 'decline');
    const warned = await standingOf(sender);
    expect(warned.rules.acceptance).toEqual({ decided: 2, accepted: 0, rate: 0, minDecided: 4, minAcceptRate: 0.5, left: 2, warning: true });
    expect(warned.warnings).toEqual(['low_acceptance']);
    await answer(sender, c!, 'accept');
    // One accept in four answers is still under half: one more unaccepted answer restricts.
    expect((await standingOf(sender)).rules.acceptance).toMatchObject({ decided: 3, accepted: 1, left: 1, warning: true });
    expect(await restrictionMails(sender)).toEqual([]);

    await answer(sender, d!, 'ignore');
    const restricted = await standingOf(sender);
    expect(restricted).toMatchObject({ restricted: true, restrictionReason: 'low_acceptance', reports: 0, warnings: [] });
    expect(restricted.rules.acceptance).toMatchObject({ decided: 4, accepted: 1, rate: 0.25 });
    const [mail] = await restrictionMails(sender);
    expect(mail!.text).toContain('Only 1 of your last 4 answered invitations were accepted (25%; at least 50% is needed).');
    expect(mail!.text).not.toContain('Recipients reported');

    // The admin queue shows the reason too.
    const admin = await t.signUp('Admin', { email: 'admin@example.com' });
    const queue = await t.call('GET', '/api/v1/admin/restricted-members', admin);
    const item = queue.body.items.find((entry: { member: { id: string } }) => entry.member.id === sender.id);
    expect(item.standing.restrictionReason).toBe('low_acceptance');
  });

  it('reads no acceptance rule when the policy turns lowAcceptance off', async () => {
    const off = await createTestApp(backend, { lowAcceptance: null });
    try {
      const member = await off.signUp('Policy Off');
      const standing = (await off.call('GET', '/api/v1/me/standing', member)).body.standing;
      expect(standing.rules.acceptance).toBeNull();
      expect(standing.rules.reports).toMatchObject({ threshold: 5, left: 5, warning: false });
    } finally {
      await off.close();
    }
  });
});
