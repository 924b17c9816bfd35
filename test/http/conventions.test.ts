import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('HTTP conventions on %s', (backend) => {
  let t: TestApp;
  let ann: TestMember, ben: TestMember;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone' });
    [ann, ben] = await Promise.all([t.signUp('Ann Idem'), t.signUp('Ben Idem')]);
  });
  afterAll(() => t.close());

  it('replays the first answer for the same Idempotency-Key and body, and does the work once', async () => {
    const headers = { 'idempotency-key': 'send-ann-ben-1' };
    const first = await t.call('POST', '/api/v1/invitations', ann, { recipientId: ben.id, note: 'Hello' }, headers);
    const second = await t.call('POST', '/api/v1/invitations', ann, { recipientId: ben.id, note: 'Hello' }, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const count = await t.service.ctx.db.selectFrom('invitations').select((eb) => eb.fn.countAll<number>().as('n')).where('sender_id', '=', Number(ann.id)).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses the same key with a different body (422) and replays refusals too', async () => {
    const headers = { 'idempotency-key': 'send-ann-ben-1' };
    const changed = await t.call('POST', '/api/v1/invitations', ann, { recipientId: ben.id, note: 'Different' }, headers);
    expect([changed.status, changed.body.code]).toEqual([422, 'idempotency_key_reused']);
    const refusal = { 'idempotency-key': 'self-invite' };
    const a = await t.call('POST', '/api/v1/invitations', ann, { recipientId: ann.id }, refusal);
    const b = await t.call('POST', '/api/v1/invitations', ann, { recipientId: ann.id }, refusal);
    expect([a.status, b.status, b.body.code]).toEqual([422, 422, 'cannot_invite_self']);
  });

  it('answers 409 while a request with the same key is still running', async () => {
    await t.service.ctx.db
      .insertInto('idempotency_keys')
      .values({ scope: `member:${ann.id}`, key: 'in-flight', request_hash: 'x', state: 'running', created_at: t.clock.now() })
      .execute();
    const answer = await t.call('POST', '/api/v1/invitations', ann, { recipientId: ben.id }, { 'idempotency-key': 'in-flight' });
    // the stored hash differs from this request's, but a running key answers "in progress" only when it matches
    expect(answer.status).toBe(422);
    await t.service.ctx.db.updateTable('idempotency_keys').set({ request_hash: 'y' }).where('key', '=', 'in-flight').execute();
    const [one, two] = await Promise.all([
      t.call('POST', '/api/v1/me/allotment-requests', ann, { reason: 'conference' }, { 'idempotency-key': 'parallel' }),
      t.call('POST', '/api/v1/me/allotment-requests', ann, { reason: 'conference' }, { 'idempotency-key': 'parallel' }),
    ]);
    const statuses = [one.status, two.status].sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    if (statuses[1] === 409) expect([one, two].find((a) => a.status === 409)!.body.code).toBe('idempotency_in_progress');
    const requests = await t.service.ctx.db.selectFrom('allotment_requests').selectAll().where('member_id', '=', Number(ann.id)).execute();
    expect(requests).toHaveLength(1);
  });

  it('keeps keys per member: another member may use the same key', async () => {
    const answer = await t.call('POST', '/api/v1/me/allotment-requests', ben, { reason: 'conference' }, { 'idempotency-key': 'parallel' });
    expect(answer.status).toBe(201);
  });

  it('answers 413 above the 1 MiB body limit, 400 for malformed JSON and prototype keys, 415 for other media types', async () => {
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ note: 'x'.repeat(1_100_000) }) });
    expect([big.statusCode, big.json().code]).toEqual([413, 'payload_too_large']);
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' }, payload: '{"recipientId": ' });
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'malformed_body']);
    const proto = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' }, payload: '{"__proto__": {"admin": true}, "recipientId": "1"}' });
    expect(proto.statusCode).toBe(400);
    const text = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'text/plain' }, payload: 'hello' });
    expect([text.statusCode, text.json().code]).toEqual([415, 'unsupported_media_type']);
    expect(text.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses unknown fields and bad ids with validation_failed, and unknown routes with not_found', async () => {
    const unknown = await t.call('PATCH', '/api/v1/me', ann, { name: 'Ann', role: 'admin' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'validation_failed']);
    const badId = await t.call('GET', '/api/v1/members/abc', ann);
    expect([badId.status, badId.body.code]).toEqual([422, 'validation_failed']);
    const huge = await t.call('GET', '/api/v1/members/99999999999999999999', ann);
    expect(huge.status).toBe(422);
    const missing = await t.call('GET', '/api/v1/nothing-here', ann);
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
  });

  it('serves health, metrics, the OpenAPI 3.1 document and the docs', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('rapport_http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(/rapport_http_requests_total\{method="POST",route="\/api\/v1\/invitations",status="201"\}/);
    const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/invitations', '/api/v1/invitations/{id}/accept', '/api/v1/me', '/api/v1/members/{id}', '/api/v1/auth/signup']) {
      expect(Object.keys(openapi.paths)).toContain(path);
    }
    expect(openapi.paths['/api/v1/invitations'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('howWeMet');
    expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('edits the profile: positions, education, skills, groups, and finds members by company', async () => {
    expect((await t.call('POST', '/api/v1/me/positions', ann, { company: 'Globex', title: 'Engineer', startYear: 2020 })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/me/positions', ann, { company: 'Globex', title: 'Engineer', startYear: 2020, endYear: 2010 })).status).toBe(422);
    expect((await t.call('POST', '/api/v1/me/education', ann, { school: 'Northfield University', degree: 'BSc' })).status).toBe(201);
    expect((await t.call('PUT', '/api/v1/me/skills', ann, { skills: ['SQL', 'sql', 'Rust'] })).body.skills).toEqual(['Rust', 'SQL']);
    expect((await t.call('POST', '/api/v1/me/groups', ann, { name: 'Data Guild' })).status).toBe(201);
    const me = (await t.call('GET', '/api/v1/me', ann)).body.member;
    expect(me).toMatchObject({ positions: [{ company: 'Globex', title: 'Engineer' }], education: [{ school: 'Northfield University' }], groups: [{ name: 'Data Guild' }] });
    const found = await t.call('GET', '/api/v1/members?q=globex', ben);
    expect(found.body.items.map((m: { id: string }) => m.id)).toContain(ann.id);
    const byName = await t.call('GET', '/api/v1/members?q=Ann%20Idem', ben);
    expect(byName.body.items[0].id).toBe(ann.id);
    expect((await t.call('DELETE', `/api/v1/me/positions/${me.positions[0].id}`, ben)).status).toBe(404);
  });
});

describe('start-up configuration', () => {
  it('stops with a message naming a bad RAPPORT_POLICY key or value', () => {
    const run = (policy: string) =>
      spawnSync(process.execPath, ['bin/rapport.mjs', 'migrate'], { env: { ...process.env, RAPPORT_POLICY: policy, RAPPORT_DATA_DIR: '/nonexistent/never-created' }, encoding: 'utf8' });
    const unknownKey = run('{"monthlyLimt": 5}');
    expect(unknownKey.status).toBe(2);
    expect(unknownKey.stderr).toContain('monthlyLimt');
    const badValue = run('{"monthlyLimit": -1}');
    expect(badValue.status).toBe(2);
    expect(badValue.stderr).toContain('monthlyLimit');
    const notJson = run('{monthlyLimit: 5}');
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('not valid JSON');
  });
});
