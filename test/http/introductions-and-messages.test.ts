import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('introductions and messages on %s', (backend) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(backend, { introductionsPerMonth: { free: 2, premium: 15 }, inmailCreditsPerMonth: { free: 0, premium: 1 } });
  });
  afterAll(() => t.close());

  /** requester — introducer — target, and requester is 2nd degree to target. */
  const trio = async () => {
    n++;
    const [requester, introducer, target] = await Promise.all([t.signUp(`Req ${n}`), t.signUp(`Intro ${n}`), t.signUp(`Target ${n}`)]);
    await t.connect(requester!, introducer!);
    await t.connect(introducer!, target!);
    return [requester!, introducer!, target!] as const;
  };
  const ask = (requester: TestMember, introducer: TestMember, target: TestMember) =>
    t.call('POST', '/api/v1/introductions', requester, { introducerId: introducer.id, targetId: target.id, messageToIntroducer: 'Could you introduce me?', messageToTarget: 'Hello, I would love to talk about payments.' });

  it('requester asks, introducer forwards with a note, target connects in one step', async () => {
    const [requester, introducer, target] = await trio();
    const asked = await ask(requester, introducer, target);
    expect(asked.status).toBe(201);
    const id = asked.body.introduction.id;
    expect((await t.call('GET', `/api/v1/introductions/${id}`, target)).status).toBe(404); // not forwarded yet
    expect((await t.call('POST', `/api/v1/introductions/${id}/forward`, requester, {})).status).toBe(403);
    const forwarded = await t.call('POST', `/api/v1/introductions/${id}/forward`, introducer, { note: 'Two of my favourite people.' });
    expect(forwarded.body.introduction.status).toBe('forwarded');
    const seen = await t.call('GET', '/api/v1/introductions?role=target', target);
    expect(seen.body.items[0]).toMatchObject({ id, introducerNote: 'Two of my favourite people.', messageToIntroducer: null, messageToTarget: 'Hello, I would love to talk about payments.' });
    const connected = await t.call('POST', `/api/v1/introductions/${id}/connect`, target);
    expect(connected.body.introduction.status).toBe('connected');
    expect((await t.call('GET', `/api/v1/members/${target.id}`, requester)).body.relationship.degree).toBe(1);
    await t.call('POST', '/api/v1/_test/run-due');
    const kinds = async (who: TestMember) => (await t.call('GET', '/api/v1/notifications', who)).body.items.map((i: { kind: string }) => i.kind);
    expect(await kinds(introducer)).toContain('introduction_requested');
    expect(await kinds(target)).toContain('introduction_received');
  });

  it('a declined introduction is silent to the target and told to the requester', async () => {
    const [requester, introducer, target] = await trio();
    const id = (await ask(requester, introducer, target)).body.introduction.id;
    expect((await t.call('POST', `/api/v1/introductions/${id}/decline`, introducer)).body.introduction.status).toBe('declined');
    expect((await t.call('POST', `/api/v1/introductions/${id}/forward`, introducer, {})).body.code).toBe('invalid_state');
    await t.call('POST', '/api/v1/_test/run-due');
    expect((await t.call('GET', '/api/v1/introductions?role=target', target)).body.items).toEqual([]);
    expect((await t.call('GET', '/api/v1/notifications', target)).body.items.map((i: { kind: string }) => i.kind)).not.toContain('introduction_received');
    expect((await t.call('GET', '/api/v1/notifications', requester)).body.items.map((i: { kind: string }) => i.kind)).toContain('introduction_declined');
  });

  it('refuses introductions outside the rules, and past introductionsPerMonth', async () => {
    const [requester, introducer, target] = await trio();
    const stranger = await t.signUp(`Stranger ${n}`);
    expect((await ask(requester, stranger, target)).body.code).toBe('not_connected_to_introducer');
    expect((await ask(requester, introducer, stranger)).body.code).toBe('introducer_not_connected_to_target');
    expect((await ask(requester, introducer, introducer)).body.code).toBe('cannot_introduce_self');
    expect((await ask(requester, introducer, target)).status).toBe(201);
    expect((await ask(requester, introducer, target)).body.code).toBe('introduction_pending');
    const more = await Promise.all([t.signUp(`More A ${n}`), t.signUp(`More B ${n}`)]);
    for (const m of more) await t.connect(introducer, m);
    expect((await ask(requester, introducer, more[0]!)).status).toBe(201);
    const third = await ask(requester, introducer, more[1]!);
    expect([third.status, third.body.code, third.body.limit]).toEqual([429, 'introduction_limit_reached', 2]);
  });

  it('messages: free between connections and in answer, InMail credits otherwise', async () => {
    const [a, b] = await Promise.all([t.signUp('Msg A'), t.signUp('Msg B')]);
    const premium = await t.signUp('Msg Premium');
    await t.service.ctx.db.updateTable('members').set({ tier: 'premium' }).where('id', '=', Number(premium.id)).execute();
    const stranger = await t.signUp('Msg Stranger');
    const other = await t.signUp('Msg Other');
    expect((await t.call('POST', '/api/v1/messages', a, { recipientId: b.id, body: 'hi' })).body.code).toBe('not_connected');
    await t.connect(a, b);
    expect((await t.call('POST', '/api/v1/messages', a, { recipientId: b.id, body: 'Thanks for connecting!' })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/messages', b, { recipientId: a.id, body: 'Likewise' })).status).toBe(201);
    const conversations = await t.call('GET', '/api/v1/conversations', a);
    expect(conversations.body.items[0]).toMatchObject({ member: { id: b.id }, lastMessage: { body: 'Likewise' }, unread: 1 });
    const thread = await t.call('GET', `/api/v1/conversations/${b.id}/messages`, a);
    expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual(['Likewise', 'Thanks for connecting!']);
    expect((await t.call('GET', '/api/v1/conversations', a)).body.items[0].unread).toBe(0);

    const inmail = await t.call('POST', '/api/v1/messages', premium, { recipientId: stranger.id, body: 'A question about your talk' });
    expect([inmail.status, inmail.body.message.kind]).toEqual([201, 'inmail']);
    const second = await t.call('POST', '/api/v1/messages', premium, { recipientId: other.id, body: 'Another question' });
    expect([second.status, second.body.code]).toEqual([429, 'inmail_credits_exhausted']);
    expect((await t.call('POST', '/api/v1/messages', stranger, { recipientId: premium.id, body: 'Happy to answer' })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/messages', a, { recipientId: a.id, body: 'me' })).body.code).toBe('cannot_message_self');
    await t.call('POST', '/api/v1/blocks', stranger, { memberId: premium.id });
    expect((await t.call('POST', '/api/v1/messages', premium, { recipientId: stranger.id, body: 'still there?' })).status).toBe(404);
  });
});
