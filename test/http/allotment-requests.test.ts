import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('allotment requests and their outcomes on %s', (backend) => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone', reportRestrictThreshold: 2 });
    admin = await t.signUp('Admin', { email: ADMIN_EMAIL });
  });
  afterAll(() => t.close());

  type Mail = { subject: string; text: string; html: string; template: string };
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');
  const mailTo = async (member: TestMember) => ((await t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(member.email)}`)).body.items as Mail[]).filter((mail) => mail.template === 'allotment_decided');
  const ask = (member: TestMember, reason: string) => t.call('POST', '/api/v1/me/allotment-requests', member, { reason });
  const mine = (member: TestMember, query = '') => t.call('GET', `/api/v1/me/allotment-requests${query}`, member);

  it('the member lists their own requests with status; a grant and a denial reach them as a notification and a mail', async () => {
    const member = await t.signUp('Asking Member');
    const other = await t.signUp('Other Asker');
    expect((await mine(member)).body).toEqual({ items: [], nextCursor: null });
    const first = await ask(member, 'Recruiting for a <conference> & meetup');
    expect(first.status).toBe(201);
    expect(first.body.request).toMatchObject({ status: 'pending', decidedAt: null, grantedCount: null });
    await t.advanceDays(1);
    const second = await ask(member, 'Alumni reunion');
    await ask(other, 'Someone else’s request');

    const listed = await mine(member);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [second.body.request.id, 'pending'],
      [first.body.request.id, 'pending'],
    ]);

    // A grant answers the oldest pending request, with how many invitations it added.
    await t.advanceDays(1);
    const granted = await t.call('POST', `/api/v1/admin/members/${member.id}/grants`, admin, { count: 25 });
    expect(granted.status).toBe(200);
    const denied = await t.call('POST', `/api/v1/admin/allotment-requests/${second.body.request.id}/deny`, admin);
    expect(denied.status).toBe(204);
    const decided = (await mine(member)).body.items;
    expect(decided).toEqual([
      expect.objectContaining({ id: second.body.request.id, status: 'denied', grantedCount: null, decidedAt: expect.stringMatching(/^2\d{3}-/) }),
      expect.objectContaining({ id: first.body.request.id, status: 'granted', grantedCount: 25, decidedAt: expect.stringMatching(/^2\d{3}-/), reason: 'Recruiting for a <conference> & meetup' }),
    ]);
    expect((await mine(other)).body.items.map((r: { status: string }) => r.status)).toEqual(['pending']);

    await runDue();
    const notes = (await t.call('GET', '/api/v1/notifications', member)).body.items.filter((n: { kind: string }) => n.kind.startsWith('allotment_'));
    expect(notes.map((n: { kind: string; payload: unknown }) => [n.kind, n.payload])).toEqual([
      ['allotment_denied', { requestId: second.body.request.id, count: null }],
      ['allotment_granted', { requestId: first.body.request.id, count: 25 }],
    ]);
    const mails = await mailTo(member);
    expect(mails.map((m) => m.subject).sort()).toEqual(['You have more invitations', 'Your request for more invitations']);
    const grantMail = mails.find((m) => m.subject === 'You have more invitations')!;
    expect(grantMail.text).toContain('added 25 invitations');
    expect(grantMail.text).toContain('Recruiting for a <conference> & meetup');
    expect(grantMail.html).toContain('Recruiting for a &lt;conference&gt; &amp; meetup');
    expect(grantMail.text).toMatch(/See your requests: http\S+\/standing/);
    expect(mails.find((m) => m.subject !== grantMail.subject)!.text).toContain('did not grant it');
    expect(await mailTo(other)).toEqual([]);

    // Denying twice is refused and tells no one again.
    expect((await t.call('POST', `/api/v1/admin/allotment-requests/${second.body.request.id}/deny`, admin)).status).toBe(409);
    await runDue();
    expect(await mailTo(member)).toHaveLength(2);
  });

  it('pages with a cursor, newest first', async () => {
    const member = await t.signUp('Paging Asker');
    const ids: string[] = [];
    for (let k = 0; k < 5; k++) ids.push((await ask(member, `Request ${k}`)).body.request.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await mine(member, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect((await mine(member, '?cursor=nonsense')).body.code).toBe('invalid_cursor');
    expect((await t.call('GET', '/api/v1/me/allotment-requests')).status).toBe(401);
  });

  it('a member flagged as a spammer cannot file a request: 409 member_flagged', async () => {
    const sender = await t.signUp('Flagged Sender');
    const recipients = await Promise.all([1, 2].map((k) => t.signUp(`Reporter ${k}`)));
    const sent = await ask(sender, 'Before any report');
    expect(sent.status).toBe(201);
    for (const recipient of recipients) {
      const invitation = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
      expect(invitation.status).toBe(201);
      const reported = await t.call('POST', `/api/v1/invitations/${invitation.body.invitation.id}/report`, recipient, { reason: 'dont_know' });
      expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    }
    expect((await t.call('GET', '/api/v1/me/standing', sender)).body.standing.restricted).toBe(true);
    const refused = await ask(sender, 'Please, more');
    expect([refused.status, refused.body.code]).toEqual([409, 'member_flagged']);
    expect((await mine(sender)).body.items.map((r: { reason: string }) => r.reason)).toEqual(['Before any report']);

    // Lifted, the reports are still within the report window: still flagged, as for a grant.
    expect((await t.call('POST', '/api/v1/me/standing/lift', sender, { agree: true })).status).toBe(200);
    expect((await ask(sender, 'Please, more')).body.code).toBe('member_flagged');
    expect((await t.call('POST', `/api/v1/admin/members/${sender.id}/grants`, admin, { count: 5 })).body.code).toBe('member_flagged');
    // Past the window, they may ask again.
    await t.advanceDays(t.service.ctx.policy.reportWindowDays + 1);
    expect((await ask(sender, 'A fresh start')).status).toBe(201);
  });

  it('a non-admin cannot grant or deny', async () => {
    const member = await t.signUp('Not An Admin');
    const request = await ask(member, 'More please');
    expect((await t.call('POST', `/api/v1/admin/allotment-requests/${request.body.request.id}/deny`, member)).status).toBe(403);
    expect((await t.call('POST', `/api/v1/admin/members/${member.id}/grants`, member, { count: 5 })).status).toBe(403);
    expect((await mine(member)).body.items[0].status).toBe('pending');
  });
});
