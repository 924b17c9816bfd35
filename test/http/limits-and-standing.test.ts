import { solveChallenge } from 'altcha-lib/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const invite = (t: TestApp, from: TestMember, to: TestMember, extra: Record<string, unknown> = {}) =>
  t.call('POST', '/api/v1/invitations', from, { recipientId: to.id, email: to.email, ...extra });

async function crowd(t: TestApp, prefix: string, count: number): Promise<TestMember[]> {
  const members: TestMember[] = [];
  for (let i = 0; i < count; i++) members.push(await t.signUp(`${prefix} ${i}`));
  return members;
}

describe.each(backends)('quotas and captcha on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { monthlyLimit: 10, lifetimeAllotment: 6, captchaAfterPerDay: 2, weeklyLimit: 4 });
  });
  afterAll(() => t.close());

  it('asks for a solved challenge past captchaAfterPerDay sends in 24 h, single use', async () => {
    const sender = await t.signUp('Captcha Sender');
    const others = await crowd(t, 'Captcha Target', 4);
    expect((await invite(t, sender, others[0]!)).status).toBe(201);
    expect((await invite(t, sender, others[1]!)).status).toBe(201);
    const asked = await invite(t, sender, others[2]!);
    expect(asked.status).toBe(428);
    expect(asked.body.code).toBe('captcha_required');
    const { challenge, salt, algorithm, signature, maxnumber } = asked.body.challenge;
    const solution = await solveChallenge(challenge, salt, algorithm, maxnumber).promise;
    const payload = Buffer.from(JSON.stringify({ algorithm, challenge, number: solution!.number, salt, signature })).toString('base64');
    expect((await invite(t, sender, others[2]!, { captcha: payload })).status).toBe(201);
    const replay = await invite(t, sender, others[3]!, { captcha: payload });
    expect([replay.status, replay.body.code]).toEqual([422, 'captcha_invalid']);
    const garbage = await invite(t, sender, others[3]!, { captcha: 'bm9wZQ==' });
    expect(garbage.body.code).toBe('captcha_invalid');
    const me = await t.call('GET', '/api/v1/me', sender);
    expect(me.body.quota).toMatchObject({ sentLast24h: 3, captchaAfter: 2 });
  });

  it('refuses a challenge solved after captchaChallengeMinutes by the service clock', async () => {
    const sender = await t.signUp('Slow Solver');
    const others = await crowd(t, 'Slow Target', 3);
    expect((await invite(t, sender, others[0]!)).status).toBe(201);
    expect((await invite(t, sender, others[1]!)).status).toBe(201);
    const asked = await invite(t, sender, others[2]!);
    expect(asked.status).toBe(428);
    const { challenge, salt, algorithm, signature, maxnumber } = asked.body.challenge;
    const solution = await solveChallenge(challenge, salt, algorithm, maxnumber).promise;
    const payload = Buffer.from(JSON.stringify({ algorithm, challenge, number: solution!.number, salt, signature })).toString('base64');
    await t.advanceDays((t.service.ctx.policy.captchaChallengeMinutes + 1) / (24 * 60));
    const late = await invite(t, sender, others[2]!, { captcha: payload });
    expect([late.status, late.body.code]).toEqual([422, 'captcha_invalid']);
  });

  it('refuses past the rolling weekly limit, saying which limit and when it resets', async () => {
    const sender = await t.signUp('Quota Sender');
    const others = await crowd(t, 'Quota Target', 8);
    let i = 0;
    const next = async () => {
      await t.advanceDays(1.01); // past the 24 h captcha window each time
      return invite(t, sender, others[i++]!);
    };
    for (let k = 0; k < 4; k++) expect((await next()).status).toBe(201);
    const weekly = await next();
    expect([weekly.status, weekly.body.code, weekly.body.limit]).toEqual([429, 'quota_exceeded', 'weekly']);
    expect(weekly.body.resetAt).toBeTruthy();
    expect(weekly.headers['retry-after']).toBeDefined();

    const me = (await t.call('GET', '/api/v1/me', sender)).body.quota;
    expect(me).toMatchObject({ monthlyLimit: 10, weeklyLimit: 4, weeklyUsed: 4, lifetimeAllotment: 6, lifetimeUsed: 4 });
    await t.advanceDays(4);
    expect((await next()).status).toBe(201);
  });

  it('counts withdrawn invitations against the lifetime allotment, and admin grants add to it', async () => {
    const admin = await t.signUp('Admin', { email: 'admin@example.com' });
    const sender = await t.signUp('Lifetime Sender');
    const others = await crowd(t, 'Lifetime Target', 8);
    for (let k = 0; k < 6; k++) {
      await t.advanceDays(11); // new week each time; months pass too
      const sent = await invite(t, sender, others[k]!);
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect((await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/withdraw`, sender)).status).toBe(200);
    }
    await t.advanceDays(11);
    const refused = await invite(t, sender, others[6]!);
    expect([refused.status, refused.body.code, refused.body.limit, refused.body.resetAt]).toEqual([429, 'quota_exceeded', 'lifetime', null]);

    expect((await t.call('POST', '/api/v1/me/allotment-requests', sender, { reason: 'Recruiting for a conference' })).status).toBe(201);
    const pending = await t.call('GET', '/api/v1/admin/allotment-requests', admin);
    expect(pending.body.items.some((r: { member: { id: string } }) => r.member.id === sender.id)).toBe(true);
    expect((await t.call('POST', `/api/v1/admin/members/${sender.id}/grants`, sender, { count: 5 })).status).toBe(403);
    const granted = await t.call('POST', `/api/v1/admin/members/${sender.id}/grants`, admin, { count: 5 });
    expect(granted.status).toBe(200);
    expect((await invite(t, sender, others[6]!)).status).toBe(201);
    expect((await t.call('GET', '/api/v1/me', sender)).body.quota.lifetimeAllotment).toBe(11);
    const tooMany = await t.call('POST', `/api/v1/admin/members/${sender.id}/grants`, admin, { count: 1000 });
    expect(tooMany.body.code).toBe('grant_limit_exceeded');
  });
});

describe.each(backends)('standing on %s', (backend) => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    t = await createTestApp(backend, { reportRestrictThreshold: 2, lowAcceptance: { minDecided: 3, minAcceptRate: 0.5 } });
    admin = await t.signUp('Admin', { email: 'admin@example.com' });
  });
  afterAll(() => t.close());

  const reportFrom = async (sender: TestMember, reporter: TestMember, reason = 'dont_know') => {
    const sent = await invite(t, sender, reporter);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/report`, reporter, { reason });
  };

  it('restricts at the report threshold: email required, first lift by the member, later ones by an admin', async () => {
    const sender = await t.signUp('Spammy Sender');
    const reporters = await crowd(t, 'Reporter', 4);
    const target = await t.signUp('Target');
    await reportFrom(sender, reporters[0]!);
    expect((await t.call('GET', '/api/v1/me/standing', sender)).body.standing).toMatchObject({ restricted: false, reports: 1, threshold: 2 });
    await reportFrom(sender, reporters[1]!, 'spam');
    const standing = (await t.call('GET', '/api/v1/me', sender)).body.standing;
    expect(standing).toMatchObject({ restricted: true, reports: 2, restrictionCount: 1, canSelfLift: true });

    const onProfile = async () => (await t.call('GET', `/api/v1/members/${target.id}`, sender)).body.relationship.canInvite;
    expect(await onProfile()).toMatchObject({ allowed: true, code: 'email_required', requiresEmail: true });
    const withoutEmail = await t.call('POST', '/api/v1/invitations', sender, { recipientId: target.id });
    expect([withoutEmail.status, withoutEmail.body.code, withoutEmail.body.reason]).toEqual([403, 'email_required', 'sender_restricted']);
    expect((await invite(t, sender, target)).status).toBe(201);

    expect((await t.call('POST', '/api/v1/me/standing/lift', sender, { agree: false })).status).toBe(422);
    const lifted = await t.call('POST', '/api/v1/me/standing/lift', sender, { agree: true });
    expect(lifted.body.standing).toMatchObject({ restricted: false, reports: 0, restrictionCount: 1 });
    expect(await onProfile()).toMatchObject({ allowed: false, code: 'invitation_pending' });

    await reportFrom(sender, reporters[2]!);
    await reportFrom(sender, reporters[3]!);
    const second = (await t.call('GET', '/api/v1/me/standing', sender)).body.standing;
    expect(second).toMatchObject({ restricted: true, restrictionCount: 2, canSelfLift: false });
    const selfLift = await t.call('POST', '/api/v1/me/standing/lift', sender, { agree: true });
    expect([selfLift.status, selfLift.body.code]).toEqual([409, 'standing_not_liftable']);
    expect((await t.call('POST', `/api/v1/admin/members/${sender.id}/grants`, admin, { count: 10 })).body.code).toBe('member_flagged');
    const restricted = await t.call('GET', '/api/v1/admin/restricted-members', admin);
    expect(restricted.body.items.some((item: { member: { id: string } }) => item.member.id === sender.id)).toBe(true);
    expect((await t.call('POST', `/api/v1/admin/members/${sender.id}/lift-restriction`, sender)).status).toBe(403);
    const byAdmin = await t.call('POST', `/api/v1/admin/members/${sender.id}/lift-restriction`, admin);
    expect(byAdmin.body.standing.restricted).toBe(false);

    const restrictions = await t.service.ctx.db.selectFrom('outbox').select('payload').where('topic', '=', 'member.restricted').execute();
    expect(restrictions.filter((row) => String((row.payload as { memberId: unknown }).memberId) === sender.id)).toHaveLength(2);
  });

  it('restricts a sender whose answered invitations are mostly not accepted (lowAcceptance)', async () => {
    const sender = await t.signUp('Unlucky Sender');
    const decliners = await crowd(t, 'Decliner', 3);
    for (const decliner of decliners) {
      const sent = await invite(t, sender, decliner);
      await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/decline`, decliner);
    }
    expect((await t.call('GET', '/api/v1/me/standing', sender)).body.standing.restricted).toBe(true);
  });
});

describe.each(backends)('timed restrictions on %s', (backend) => {
  it('ends a restriction by itself after restrictionDays', async () => {
    const t = await createTestApp(backend, { reportRestrictThreshold: 1, restrictionDays: 7 });
    try {
      const sender = await t.signUp('Timed Sender');
      const reporter = await t.signUp('Timed Reporter');
      const sent = await invite(t, sender, reporter);
      await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/report`, reporter, { reason: 'spam' });
      const standing = (await t.call('GET', '/api/v1/me/standing', sender)).body.standing;
      expect(standing.restricted).toBe(true);
      expect(standing.restrictionEndsAt).toBeTruthy();
      await t.advanceDays(7.01);
      expect((await t.call('GET', '/api/v1/me/standing', sender)).body.standing).toMatchObject({ restricted: false, reports: 0 });
    } finally {
      await t.close();
    }
  });
});
