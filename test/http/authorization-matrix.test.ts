import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

type Actor = 'sender' | 'recipient' | 'third' | 'anonymous' | 'admin';
const ACTORS: Actor[] = ['sender', 'recipient', 'third', 'anonymous', 'admin'];

/** Every invitation endpoint, who may call it on a fresh pending invitation, and what the rest get. */
const ENDPOINTS: { name: string; method: 'GET' | 'POST' | 'DELETE'; path: (id: string) => string; body?: unknown; allowed: Actor[]; okStatus: number; party?: Partial<Record<Actor, number>> }[] = [
  { name: 'read', method: 'GET', path: (id) => `/api/v1/invitations/${id}`, allowed: ['sender', 'recipient'], okStatus: 200 },
  { name: 'thread', method: 'GET', path: (id) => `/api/v1/invitations/${id}/messages`, allowed: ['sender', 'recipient'], okStatus: 200 },
  { name: 'accept', method: 'POST', path: (id) => `/api/v1/invitations/${id}/accept`, allowed: ['recipient'], okStatus: 200 },
  { name: 'ignore', method: 'POST', path: (id) => `/api/v1/invitations/${id}/ignore`, allowed: ['recipient'], okStatus: 200 },
  { name: 'decline', method: 'POST', path: (id) => `/api/v1/invitations/${id}/decline`, allowed: ['recipient'], okStatus: 200 },
  { name: 'report', method: 'POST', path: (id) => `/api/v1/invitations/${id}/report`, body: { reason: 'spam' }, allowed: ['recipient'], okStatus: 200 },
  { name: 'reply', method: 'POST', path: (id) => `/api/v1/invitations/${id}/reply`, body: { message: 'Hello' }, allowed: ['recipient'], okStatus: 201, party: { sender: 409 } }, // the sender answers, never starts
  { name: 'withdraw', method: 'POST', path: (id) => `/api/v1/invitations/${id}/withdraw`, allowed: ['sender'], okStatus: 200 },
  { name: 'resend', method: 'POST', path: (id) => `/api/v1/invitations/${id}/resend`, allowed: ['sender'], okStatus: 200 },
  { name: 'hide', method: 'DELETE', path: (id) => `/api/v1/invitations/${id}`, allowed: ['sender'], okStatus: 409 }, // a pending one cannot be hidden: the cell is "reaches the rule"
];

describe.each(backends)('who may do what to an invitation on %s', (backend) => {
  let t: TestApp;
  let people: Record<Exclude<Actor, 'anonymous'>, TestMember>;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone', resendMinDays: 0 });
    const [sender, third, admin] = await Promise.all([t.signUp('Matrix Sender'), t.signUp('Matrix Third'), t.signUp('Matrix Admin', { email: 'admin@example.com' })]);
    people = { sender: sender!, recipient: sender!, third: third!, admin: admin! };
  });
  afterAll(() => t.close());

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.name}: only ${endpoint.allowed.join(' and ')}; other members and admins get 404, anonymous 401`, async () => {
      for (const actor of ACTORS) {
        // A fresh pair and invitation per cell, so that one cell's effect cannot hide another's.
        const recipient = await t.signUp(`Matrix Recipient ${endpoint.name} ${actor}`);
        const cast = { ...people, recipient };
        const sent = await t.call('POST', '/api/v1/invitations', cast.sender, { recipientId: recipient.id });
        expect(sent.status).toBe(201);
        const id = sent.body.invitation.id;
        const who = actor === 'anonymous' ? null : cast[actor];
        const answer = await t.call(endpoint.method, endpoint.path(id), who, endpoint.body);
        const expected = endpoint.allowed.includes(actor) ? endpoint.okStatus : (endpoint.party?.[actor] ?? (actor === 'anonymous' ? 401 : 404));
        expect(answer.status, `${endpoint.name} as ${actor}: ${JSON.stringify(answer.body)}`).toBe(expected);
        const row = await t.service.ctx.db.selectFrom('invitations').select('status').where('id', '=', Number(id)).executeTakeFirstOrThrow();
        if (!endpoint.allowed.includes(actor)) expect(row.status).toBe('pending');
        await t.call('POST', `/api/v1/invitations/${id}/withdraw`, cast.sender); // leave the sender free to invite again
      }
    });
  }
});
