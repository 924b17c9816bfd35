import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../helpers/browser-session.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('finding a sent invitation by name (GET /invitations/sent?q=), on %s', (backend) => {
  let t: TestApp;
  let ann: TestMember;
  let bob: TestMember;
  let carla: TestMember;
  let ed: TestMember;
  let fay: TestMember;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone' });
    ann = await t.signUp('Ann Searcher');
    [bob, carla, ed, fay] = await Promise.all([t.signUp('Bob Hartley'), t.signUp('Carla Hart'), t.signUp('Ed 100%_Sure'), t.signUp('Fay Secretive', { email: 'fq.7@example.net' })]);
    const dan = await t.signUp('Dan Other');
    for (const member of [bob, carla, dan, ed]) expect((await t.call('POST', '/api/v1/invitations', ann, { recipientId: member.id })).status).toBe(201);
    // By address to someone who is not a member.
    expect((await t.call('POST', '/api/v1/invitations', ann, { email: 'zoe.hart@example.org' })).status).toBe(201);
    // By address alone to a member: while it reads pending, Ann is shown the address, not who owns it.
    expect((await t.verifyEmail(fay)).status).toBe(200);
    expect((await t.call('POST', '/api/v1/invitations', ann, { email: fay.email })).status).toBe(201);
  });
  afterAll(() => t.close());

  const search = async (q: string, extra = '') => (await t.call('GET', `/api/v1/invitations/sent?q=${encodeURIComponent(q)}${extra}`, ann)).body;
  const names = (body: any) => body.items.map((item: any) => item.recipient?.name ?? item.recipientEmail).sort();

  it('matches the recipient name anywhere in it, whatever the case, newest first', async () => {
    const body = await search('HART');
    expect(names(body)).toEqual(['Bob Hartley', 'Carla Hart', 'zoe.hart@example.org']);
    expect(body.items[0].recipientEmail).toBe('zoe.hart@example.org'); // the newest
    expect(body.items.every((item: any) => item.actions.includes('withdraw'))).toBe(true);
    expect(names(await search('carla h'))).toEqual(['Carla Hart']);
    expect((await search('nobody like this')).items).toEqual([]);
  });

  it('matches the address of an invitation by email to someone not on the network', async () => {
    expect(names(await search('zoe.hart@'))).toEqual(['zoe.hart@example.org']);
  });

  it('takes % and _ literally, not as wildcards', async () => {
    expect(names(await search('%'))).toEqual(['Ed 100%_Sure']);
    expect(names(await search('_'))).toEqual(['Ed 100%_Sure']);
    expect(names(await search('0%_s'))).toEqual(['Ed 100%_Sure']);
    expect((await search('\\')).items).toEqual([]);
  });

  it('pages a search with the same cursor as the whole list', async () => {
    const first = (await t.call('GET', '/api/v1/invitations/sent?q=hart&limit=2', ann)).body;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await t.call('GET', `/api/v1/invitations/sent?q=hart&limit=2&cursor=${first.nextCursor}`, ann)).body;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(names({ items: [...first.items, ...second.items] })).toEqual(['Bob Hartley', 'Carla Hart', 'zoe.hart@example.org']);
  });

  it('combines with the status filter', async () => {
    const withdrawn = (await search('bob')).items[0];
    expect((await t.call('POST', `/api/v1/invitations/${withdrawn.id}/withdraw`, ann)).status).toBe(200);
    expect(names(await search('hart', '&status=pending'))).toEqual(['Carla Hart', 'zoe.hart@example.org']);
    expect(names(await search('hart', '&status=withdrawn'))).toEqual(['Bob Hartley']);
  });

  it('never reveals who owns an address through the name while the invitation reads pending', async () => {
    expect((await search('Secretive')).items).toEqual([]);
    const byAddress = await search('fq.7@');
    expect(byAddress.items).toHaveLength(1);
    expect(byAddress.items[0].recipient).toBeNull();
    // Once Fay accepts, Ann sees who she is, and finds her by name.
    expect((await t.call('POST', `/api/v1/invitations/${byAddress.items[0].id}/accept`, fay)).status).toBe(200);
    expect(names(await search('secretive'))).toEqual(['Fay Secretive']);
  });

  it('answers the same to the web app’s cookie session, and only the member’s own invitations', async () => {
    const browser = await browserSession(t, ann);
    const answer = await browser('GET', '/api/v1/invitations/sent?q=carla');
    expect(answer.status).toBe(200);
    expect(names(answer.body)).toEqual(['Carla Hart']);
    expect((await t.call('GET', '/api/v1/invitations/sent?q=carla', bob)).body.items).toEqual([]);
  });

  it('refuses a search longer than 100 characters with a 422, not a 5xx', async () => {
    const answer = await t.call('GET', `/api/v1/invitations/sent?q=${'x'.repeat(101)}`, ann);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('validation_failed');
  });
});
