import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('the life of an invitation on %s', (backend) => {
  let t: TestApp;
  let sender: TestMember, recipient: TestMember;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    n++;
    [sender, recipient] = await Promise.all([t.signUp(`Sender ${n}`), t.signUp(`Recipient ${n}`)]);
  });

  const invite = async (from = sender, to = recipient, extra: Record<string, unknown> = {}) => {
    const answer = await t.call('POST', '/api/v1/invitations', from, { recipientId: to.id, email: to.email, ...extra });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.invitation.id as string;
  };
  const act = (who: TestMember, id: string, action: string, body?: unknown) => t.call('POST', `/api/v1/invitations/${id}/${action}`, who, body);
  const sentItem = async (id: string, who = sender) => (await t.call('GET', '/api/v1/invitations/sent', who)).body.items.find((item: { id: string }) => item.id === id);
  const events = async (topic: string) =>
    (await t.service.ctx.db.selectFrom('outbox').select(['topic', 'payload']).where('topic', '=', topic).execute()).map((row) => (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload));

  it('accept connects both ways, records the event, and a second accept changes nothing', async () => {
    const id = await invite();
    const accepted = await act(recipient, id, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ invitation: { status: 'accepted' }, connection: { memberId: sender.id } });
    const again = await act(recipient, id, 'accept');
    expect([again.status, again.body.code]).toEqual([409, 'invalid_state']);
    const both = await t.service.ctx.db.selectFrom('connections').selectAll().where('member_id', 'in', [Number(sender.id), Number(recipient.id)]).execute();
    expect(both).toHaveLength(2);
    expect((await t.call('GET', '/api/v1/connections', sender)).body.items[0].member.id).toBe(recipient.id);
    expect((await events('invitation.accepted')).some((e) => String(e.invitationId) === id)).toBe(true);
  });

  it('opening an invitation as the recipient sets viewedAt; as the sender it does not', async () => {
    const id = await invite();
    const bySender = await t.call('GET', `/api/v1/invitations/${id}`, sender);
    expect(bySender.body.invitation.viewedAt).toBeNull();
    const byRecipient = await t.call('GET', `/api/v1/invitations/${id}`, recipient);
    expect(byRecipient.body.invitation.viewedAt).not.toBeNull();
  });

  it('ignore is silent: the sender still sees pending with only withdraw, and cannot invite again meanwhile', async () => {
    const id = await invite();
    expect((await sentItem(id)).actions).toEqual(['withdraw', 'resend']);
    expect((await act(recipient, id, 'ignore')).body.invitation.status).toBe('ignored');
    const seen = await sentItem(id);
    expect(seen).toMatchObject({ status: 'pending', actions: ['withdraw'], respondedAt: null });
    expect((await t.call('GET', `/api/v1/invitations/${id}`, sender)).body.invitation.status).toBe('pending');
    expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, email: recipient.email })).body.code).toBe('invitation_pending');
    expect((await act(sender, id, 'resend')).body.code).toBe('resend_unavailable');
  });

  it('after a withdrawn ignored invitation the sender waits reinviteAfterIgnoreDays[0], then [1], then never', async () => {
    const [firstWait, secondWait] = t.service.ctx.policy.reinviteAfterIgnoreDays as [number, number];
    for (const wait of [firstWait, secondWait]) {
      const id = await invite();
      await act(recipient, id, 'ignore');
      await act(sender, id, 'withdraw');
      const early = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, email: recipient.email });
      expect([early.status, early.body.code]).toEqual([409, 'reinvite_cooldown']);
      expect(Date.parse(early.body.retryAfter)).toBeGreaterThan(Date.now() + (wait - 1) * 86_400_000);
      expect(early.headers['retry-after']).toBeDefined();
      await t.advanceDays(wait + 1);
    }
    const id = await invite();
    await act(recipient, id, 'ignore');
    await act(sender, id, 'withdraw');
    await t.advanceDays(3650);
    const never = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, email: recipient.email });
    expect([never.status, never.body.code]).toEqual([409, 'reinvite_forbidden']);
  });

  it('withdraw is silent, leaves the recipient\'s list, counts against the quota and starts the withdrawal wait', async () => {
    const id = await invite();
    const before = (await t.call('GET', '/api/v1/me', sender)).body.quota;
    const withdrawn = await act(sender, id, 'withdraw');
    expect(withdrawn.body.invitation.status).toBe('withdrawn');
    expect((await t.call('GET', '/api/v1/invitations/received', recipient)).body.items).toHaveLength(0);
    expect((await t.call('GET', `/api/v1/invitations/${id}`, recipient)).status).toBe(404);
    expect((await t.call('GET', '/api/v1/me', sender)).body.quota.lifetimeUsed).toBe(before.lifetimeUsed);
    const early = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, email: recipient.email });
    expect(early.body.code).toBe('reinvite_cooldown');
    await t.advanceDays(t.service.ctx.policy.reinviteAfterWithdrawDays + 0.01);
    await invite();
  });

  it('decline tells the sender and closes the door for good', async () => {
    const id = await invite();
    expect((await act(recipient, id, 'decline')).body.invitation.status).toBe('declined');
    expect((await sentItem(id)).status).toBe('declined');
    expect((await events('invitation.declined')).some((e) => String(e.invitationId) === id)).toBe(true);
    await t.advanceDays(3650);
    expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, email: recipient.email })).body.code).toBe('reinvite_forbidden');
  });

  it("a report reads pending with no actions to the sender, counts against their standing and forbids re-inviting", async () => {
    const id = await invite();
    const reported = await act(recipient, id, 'report', { reason: 'dont_know' });
    expect(reported.body.invitation.status).toBe('reported');
    expect(await sentItem(id)).toMatchObject({ status: 'pending', actions: [] });
    expect((await t.call('GET', '/api/v1/me/standing', sender)).body.standing.reports).toBe(1);
    expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id, email: recipient.email })).body.code).toBe('invitation_pending');
    expect((await act(recipient, id, 'report', { reason: 'maybe' })).status).toBe(422);
  });

  it('resend: not before resendMinDays, at most maxResends times', async () => {
    const { resendMinDays, maxResends } = t.service.ctx.policy;
    const id = await invite();
    const early = await act(sender, id, 'resend');
    expect([early.status, early.body.code]).toEqual([409, 'resend_unavailable']);
    expect(early.body.retryAfter).toBeDefined();
    for (let i = 0; i < maxResends; i++) {
      await t.advanceDays(resendMinDays);
      expect((await act(sender, id, 'resend')).status).toBe(200);
    }
    await t.advanceDays(resendMinDays);
    expect((await act(sender, id, 'resend')).body.code).toBe('resend_unavailable');
    // Out of reminders, an untouched invitation offers what an ignored one does; the sender is told why.
    expect(await sentItem(id)).toMatchObject({ status: 'pending', actions: ['withdraw'], resendsLeft: 0, remindersSent: maxResends });
    expect((await events('invitation.resent')).filter((e) => String(e.invitationId) === id)).toHaveLength(maxResends);
  });

  it('reply: the recipient writes without accepting, the sender answers only after that', async () => {
    const id = await invite();
    const tooEarly = await act(sender, id, 'reply', { message: 'Did you see my invite?' });
    expect([tooEarly.status, tooEarly.body.code]).toEqual([409, 'invalid_state']);
    expect((await act(recipient, id, 'reply', { message: 'Remind me where we met?' })).status).toBe(201);
    expect((await act(sender, id, 'reply', { message: 'At the Lisbon meetup.' })).status).toBe(201);
    const thread = await t.call('GET', `/api/v1/invitations/${id}/messages`, recipient);
    expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual(['Remind me where we met?', 'At the Lisbon meetup.']);
    expect((await t.call('GET', `/api/v1/invitations/${id}`, recipient)).body.invitation.status).toBe('pending');
  });

  it('the sender removes a finished invitation from the sent list, not a pending one', async () => {
    const id = await invite();
    expect((await t.call('DELETE', `/api/v1/invitations/${id}`, sender)).body.code).toBe('invalid_state');
    await act(sender, id, 'withdraw');
    expect((await t.call('DELETE', `/api/v1/invitations/${id}`, sender)).status).toBe(204);
    expect(await sentItem(id)).toBeUndefined();
  });

  it('expires an invitation after expiryDays when due work runs, and then it cannot be withdrawn', async () => {
    const id = await invite();
    await t.advanceDays((t.service.ctx.policy.expiryDays ?? 180) + 1);
    const ran = await t.call('POST', '/api/v1/_test/run-due');
    expect(ran.body.ran.expired).toBeGreaterThanOrEqual(1);
    expect((await sentItem(id)).status).toBe('expired');
    expect((await act(sender, id, 'withdraw')).body.code).toBe('withdraw_unavailable');
  });

  it("withdraws automatically after the sender's autoWithdrawAfterDays", async () => {
    expect((await t.call('PATCH', '/api/v1/me/settings', sender, { autoWithdrawAfterDays: 14 })).body.settings.autoWithdrawAfterDays).toBe(14);
    expect((await t.call('PATCH', '/api/v1/me/settings', sender, { autoWithdrawAfterDays: 0 })).status).toBe(422);
    const id = await invite();
    await t.advanceDays(13);
    await t.call('POST', '/api/v1/_test/run-due');
    expect((await sentItem(id)).status).toBe('pending');
    await t.advanceDays(1.1);
    await t.call('POST', '/api/v1/_test/run-due');
    expect((await sentItem(id)).status).toBe('withdrawn');
  });

  it('bulk: accept several received at once, each with its own outcome; withdraw all older than N days', async () => {
    const others = await Promise.all([1, 2, 3].map((i) => t.signUp(`Bulk ${n}.${i}`)));
    const ids = [];
    for (const other of others) ids.push(await invite(other, recipient));
    const bulk = await t.call('POST', '/api/v1/invitations/received/bulk', recipient, { action: 'accept', ids: [...ids, '999999'] });
    expect(bulk.body.results).toEqual([...ids.map((id) => ({ id, ok: true })), { id: '999999', ok: false, code: 'not_found' }]);

    const old = await invite();
    await t.advanceDays(31);
    const fresh = await invite(sender, others[0]!);
    const withdrawn = await t.call('POST', '/api/v1/invitations/sent/withdraw-older', sender, { olderThanDays: 30 });
    expect(withdrawn.body.withdrawn).toBe(1);
    expect((await sentItem(old)).status).toBe('withdrawn');
    expect((await sentItem(fresh)).status).toBe('pending');
  });

  it('lists received invitations by status and by sender name, newest first, with working cursors', async () => {
    const senders = await Promise.all(['Quinn Alpha', 'Quinn Beta', 'Rory Gamma'].map((name) => t.signUp(`${name} ${n}`)));
    for (const s of senders) {
      await invite(s, recipient);
      await t.advanceDays(0.001);
    }
    const page1 = await t.call('GET', '/api/v1/invitations/received?limit=2', recipient);
    expect(page1.body.items.map((i: { sender: { name: string } }) => i.sender.name)).toEqual([`Rory Gamma ${n}`, `Quinn Beta ${n}`]);
    const page2 = await t.call('GET', `/api/v1/invitations/received?limit=2&cursor=${page1.body.nextCursor}`, recipient);
    expect(page2.body.items.map((i: { sender: { name: string } }) => i.sender.name)).toEqual([`Quinn Alpha ${n}`]);
    expect(page2.body.nextCursor).toBeNull();
    const quinns = await t.call('GET', '/api/v1/invitations/received?q=quinn', recipient);
    expect(quinns.body.items).toHaveLength(2);
    const tampered = await t.call('GET', '/api/v1/invitations/received?cursor=bm90LWEtY3Vyc29y', recipient);
    expect([tampered.status, tampered.body.code]).toEqual([422, 'invalid_cursor']);
  });
});

describe.each(backends)('auto-withdraw with withdrawAfterViewed off on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { withdrawAfterViewed: false });
  });
  afterAll(() => t.close());

  it('withdraws only what the sender could withdraw by hand: an invitation the recipient has seen stays', async () => {
    const [sender, seer, other] = await Promise.all([t.signUp('Auto Sender'), t.signUp('Auto Seer'), t.signUp('Auto Other')]);
    expect((await t.call('PATCH', '/api/v1/me/settings', sender, { autoWithdrawAfterDays: 14 })).status).toBe(200);
    const send = async (to: TestMember) => (await t.call('POST', '/api/v1/invitations', sender, { recipientId: to.id, email: to.email })).body.invitation.id as string;
    const [seen, unseen] = [await send(seer), await send(other)];
    expect((await t.call('GET', `/api/v1/invitations/${seen}`, seer)).body.invitation.viewedAt).not.toBeNull();
    expect((await t.call('POST', `/api/v1/invitations/${seen}/withdraw`, sender)).body.code).toBe('withdraw_unavailable');
    await t.advanceDays(15);
    await t.call('POST', '/api/v1/_test/run-due');
    const sent = (await t.call('GET', '/api/v1/invitations/sent', sender)).body.items as { id: string; status: string }[];
    expect(Object.fromEntries(sent.map((item) => [item.id, item.status]))).toEqual({ [seen]: 'pending', [unseen]: 'withdrawn' });
  });
});
