import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/** Client input at the edges: cursors, ids, text, unknown conversations (issue 20, items 9 and 10). */
describe.each(backends)('edges on %s', (backend) => {
  let t: TestApp;
  let a: TestMember;
  let b: TestMember;
  beforeAll(async () => {
    t = await createTestApp(backend);
    [a, b] = await Promise.all([t.signUp('Edge Ada'), t.signUp('Edge Bo')]);
  });
  afterAll(() => t.close());

  const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  const keysetLists = ['/api/v1/connections', '/api/v1/contacts', '/api/v1/follows', '/api/v1/followers', '/api/v1/invitations/received', '/api/v1/invitations/sent'];

  it.each([
    ['the year 0000', '0000-01-01T00:00:00.000Z|5'],
    ['a day that does not exist', '2026-02-31T00:00:00.000Z|5'],
    ['hour 24', '2026-01-01T24:00:00.000Z|5'],
  ])('a list cursor carrying %s answers 422 invalid_cursor on every keyset list', async (_label, text) => {
    for (const list of keysetLists) {
      const answer = await t.call('GET', `${list}?cursor=${cursorOf(text)}`, a);
      expect([list, answer.status, answer.body.code, answer.headers['content-type']]).toEqual([list, 422, 'invalid_cursor', 'application/problem+json; charset=utf-8']);
    }
  });

  it('a cursor this API gave out still works from year 1 on', async () => {
    const answer = await t.call('GET', `/api/v1/connections?cursor=${cursorOf('0001-01-01T00:00:00.000Z|5')}`, a);
    expect([answer.status, answer.body.items]).toEqual([200, []]);
  });

  it('an id past every int4 answers 404 not_found, not 500 (recipientId, conversation, block, member)', async () => {
    const huge = '999999999999999';
    const answers = await Promise.all([
      t.call('POST', '/api/v1/invitations', a, { recipientId: huge }),
      t.call('POST', '/api/v1/invitations', a, { recipientId: '2147483648' }),
      t.call('GET', `/api/v1/conversations/${huge}/messages`, a),
      t.call('POST', '/api/v1/blocks', a, { memberId: huge }),
      t.call('GET', `/api/v1/members/${huge}`, a),
    ]);
    for (const answer of answers) expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
  });

  it('an id outside the id schema answers 422 validation_failed', async () => {
    for (const id of ['9999999999999999', '0', '-1', '1.5', '1e3']) {
      const answer = await t.call('GET', `/api/v1/conversations/${id}/messages`, a);
      expect([id, answer.status, answer.body.code]).toEqual([id, 422, 'validation_failed']);
    }
  });

  it('an unknown conversation answers 404 as a blocking member does', async () => {
    const unknown = await t.call('GET', '/api/v1/conversations/12345678/messages', a);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    const blocker = await t.signUp('Edge Blocker');
    expect((await t.call('POST', '/api/v1/blocks', blocker, { memberId: a.id })).status).toBe(204);
    const blocked = await t.call('GET', `/api/v1/conversations/${blocker.id}/messages`, a);
    expect([blocked.status, blocked.body.code, blocked.body.detail]).toEqual([404, 'not_found', unknown.body.detail]);
    const known = await t.call('GET', `/api/v1/conversations/${b.id}/messages`, a);
    expect([known.status, known.body.items]).toEqual([200, []]);
  });

  describe('one text normaliser for names, notes, replies and messages', () => {
    const raw = (value: string) => JSON.stringify({ name: value });
    const json = { 'content-type': 'application/json' };
    const refusedNames: [string, string][] = [
      ['zero-width spaces only', '\u200B\u200B'],
      ['joiners, word joiner and BOM only', '\u200D\u2060\uFEFF\u200C'],
      ['Hangul fillers only', '\u3164\u115F'],
      ['a NEL inside', 'Ada\u0085Lovelace'],
      ['a line separator inside', 'Ada\u2028Lovelace'],
      ['a lone high surrogate', 'Ada \uD83D'],
      ['a lone low surrogate', '\uDE00Ada'],
      ['a right-to-left override', 'Ada \u202Egnp.exe'],
    ];

    it.each(refusedNames)('a name with %s is refused at sign-up and on the profile', async (_label, name) => {
      const signUp = await t.call('POST', '/api/v1/auth/signup', null, JSON.stringify({ email: `n${Math.random().toString(36).slice(2)}@example.com`, password: 'correct horse battery', name }), json);
      expect([signUp.status, signUp.body.code]).toEqual([422, 'validation_failed']);
      const edit = await t.call('PATCH', '/api/v1/me', a, raw(name), json);
      expect([edit.status, edit.body.code]).toEqual([422, 'validation_failed']);
    });

    it('names with joiners inside visible text still pass (emoji, Persian ZWNJ)', async () => {
      for (const name of ['Ada \u{1F469}\u200D\u{1F4BB}', 'می\u200Cخواهم']) {
        const edit = await t.call('PATCH', '/api/v1/me', a, raw(name), json);
        expect([edit.status, edit.body.name ?? edit.body.member?.name]).toEqual([200, name]);
      }
    });

    it.each([
      ['a right-to-left override', 'Hello \u202Egnp.exe'],
      ['a lone surrogate', 'Hello \uD800'],
      ['zero-width characters only', '\u200B\u2060'],
    ])('a reply and a message with %s are refused as a note is', async (_label, text) => {
      const [sender, recipient] = await Promise.all([t.signUp('Edge Sender'), t.signUp('Edge Recipient')]);
      await t.connect(sender, recipient);
      const note = await t.call('POST', '/api/v1/invitations', sender, JSON.stringify({ recipientId: b.id, email: b.email, note: text }), json);
      expect([note.status, note.body.code]).toEqual([422, 'note_invalid']);
      const sent = await t.call('POST', '/api/v1/invitations', a, { recipientId: recipient.id, email: recipient.email, note: 'Hello' });
      expect(sent.status).toBe(201);
      const reply = await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/reply`, recipient, JSON.stringify({ message: text }), json);
      expect(reply.status).toBe(422);
      const message = await t.call('POST', '/api/v1/messages', sender, JSON.stringify({ recipientId: recipient.id, body: text }), json);
      expect(message.status).toBe(422);
    });
  });
});
