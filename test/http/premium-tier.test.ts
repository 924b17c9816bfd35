import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('premium tier on %s', (backend) => {
  let t: TestApp;
  let admin: TestMember;
  beforeAll(async () => {
    // Small limits so the tier's monthly limit can be reached in a test; InMail as the default policy has it.
    t = await createTestApp(backend, { eligibility: 'anyone', monthlyLimit: 2, premiumMonthlyLimit: 4, inmailCreditsPerMonth: { free: 0, premium: 5 } });
    admin = await t.signUp('Admin', { email: ADMIN_EMAIL });
  });
  afterAll(() => t.close());

  const setTier = (id: string, tier: unknown, as: TestMember | null = admin) => t.call('PUT', `/api/v1/admin/members/${id}/tier`, as, { tier });
  const runDue = () => t.call('POST', '/api/v1/_test/run-due');

  it('an admin grants premium: the member sees the tier, the monthly limit and InMail credits change, sends past the free limit, and is told', async () => {
    const member = await t.signUp('Tier Member');
    const targets = await Promise.all([1, 2, 3, 4, 5].map((k) => t.signUp(`Tier Target ${k}`)));
    const before = await t.call('GET', '/api/v1/me', member);
    expect([before.body.member.tier, before.body.quota.monthlyLimit]).toEqual(['free', 2]);
    expect((await t.call('GET', '/api/v1/me/allowances', member)).body.inmail.limit).toBe(0);
    for (const target of targets.slice(0, 2)) expect((await t.call('POST', '/api/v1/invitations', member, { recipientId: target.id })).status).toBe(201);
    const refused = await t.call('POST', '/api/v1/invitations', member, { recipientId: targets[2]!.id });
    expect([refused.status, refused.body.code, refused.body.limit]).toEqual([429, 'quota_exceeded', 'monthly']);
    expect((await t.call('POST', '/api/v1/messages', member, { recipientId: targets[4]!.id, body: 'Hello' })).status).toBeGreaterThanOrEqual(400);

    const granted = await setTier(member.id, 'premium');
    expect(granted.status).toBe(200);
    expect(granted.body.member).toMatchObject({ id: member.id, email: member.email, tier: 'premium', monthlyLimit: 4, inmailCreditsPerMonth: 5 });

    const after = await t.call('GET', '/api/v1/me', member);
    expect([after.body.member.tier, after.body.quota.monthlyLimit, after.body.quota.monthlyUsed]).toEqual(['premium', 4, 2]);
    expect((await t.call('GET', '/api/v1/me/allowances', member)).body.inmail).toMatchObject({ limit: 5, used: 0, remaining: 5 });
    expect((await t.call('POST', '/api/v1/invitations', member, { recipientId: targets[2]!.id })).status).toBe(201);
    const inmail = await t.call('POST', '/api/v1/messages', member, { recipientId: targets[4]!.id, body: 'A question about your work' });
    expect([inmail.status, inmail.body.message?.kind]).toEqual([201, 'inmail']);

    await runDue();
    const notes = (await t.call('GET', '/api/v1/notifications', member)).body.items.filter((n: { kind: string }) => n.kind === 'tier_changed');
    expect(notes.map((n: { payload: unknown }) => n.payload)).toEqual([{ tier: 'premium', monthlyLimit: 4, inmailCredits: 5 }]);

    // Granting what the member already has changes nothing and tells no one.
    expect((await setTier(member.id, 'premium')).body.member.tier).toBe('premium');
    await runDue();
    expect((await t.call('GET', '/api/v1/notifications', member)).body.items.filter((n: { kind: string }) => n.kind === 'tier_changed')).toHaveLength(1);

    // Back to free: the free limits again (the month's sends still count).
    expect((await setTier(member.id, 'free')).body.member).toMatchObject({ tier: 'free', monthlyLimit: 2, inmailCreditsPerMonth: 0 });
    const back = await t.call('GET', '/api/v1/me', member);
    expect([back.body.member.tier, back.body.quota.monthlyLimit]).toEqual(['free', 2]);
    expect((await t.call('GET', '/api/v1/me/allowances', member)).body.inmail.limit).toBe(0);
    await runDue();
    const latest = (await t.call('GET', '/api/v1/notifications', member)).body.items[0];
    expect([latest.kind, latest.payload.tier]).toEqual(['tier_changed', 'free']);
  });

  it('only an admin may set a tier or look members up; unknown members 404; bad input 422', async () => {
    const member = await t.signUp('Tier Outsider');
    const other = await t.signUp('Tier Other');
    const forbidden = await setTier(other.id, 'premium', member);
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'forbidden']);
    expect((await setTier(other.id, 'premium', null)).status).toBe(401);
    expect((await t.call('GET', '/api/v1/admin/members?q=Tier', member)).status).toBe(403);
    expect((await t.call('GET', '/api/v1/me', other)).body.member.tier).toBe('free');

    expect([(await setTier('999999999', 'premium')).status, (await setTier('999999999', 'premium')).body.code]).toEqual([404, 'not_found']);
    for (const body of [{ tier: 'gold' }, {}, { tier: 'premium', extra: true }, { tier: null }]) {
      const bad = await t.call('PUT', `/api/v1/admin/members/${other.id}/tier`, admin, body);
      expect([bad.status, bad.body.code], JSON.stringify(body)).toEqual([422, 'validation_failed']);
    }
    expect((await setTier('abc', 'premium')).status).toBe(422);
    expect((await t.call('GET', '/api/v1/me', other)).body.member.tier).toBe('free');
  });

  it('an admin finds a member by part of the name or address, with the tier and what it gives', async () => {
    const member = await t.signUp('Findable Fiona');
    await setTier(member.id, 'premium');
    const byName = await t.call('GET', '/api/v1/admin/members?q=findable', admin);
    expect(byName.status).toBe(200);
    expect(byName.body.items).toEqual([expect.objectContaining({ id: member.id, name: 'Findable Fiona', email: member.email, tier: 'premium', monthlyLimit: 4, inmailCreditsPerMonth: 5 })]);
    const byEmail = await t.call('GET', `/api/v1/admin/members?q=${encodeURIComponent(member.email.slice(0, 12))}`, admin);
    expect(byEmail.body.items.map((m: { id: string }) => m.id)).toContain(member.id);
    expect((await t.call('GET', '/api/v1/admin/members?q=%25', admin)).body.items).toEqual([]); // a LIKE wildcard is a plain character
    // Without q, everyone by name (up to limit): the admin screen's first view.
    const everyone = await t.call('GET', '/api/v1/admin/members?limit=50', admin);
    expect(everyone.status).toBe(200);
    expect(everyone.body.items.map((item: { id: string }) => item.id)).toContain(member.id);
  });

  it('an integrator can subscribe a webhook to tier changes and allotment outcomes', async () => {
    const member = await t.signUp('Tier Webhook');
    const created = await t.call('POST', '/api/v1/admin/webhooks', admin, { url: 'https://hooks.invalid/rapport', events: ['member.tier_changed', 'allotment.granted', 'allotment.denied'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await setTier(member.id, 'premium');
    await runDue();
    const log = await t.call('GET', `/api/v1/admin/webhooks/${created.body.webhook.id}/deliveries`, admin);
    expect(log.body.items.map((d: { topic: string }) => d.topic)).toContain('member.tier_changed');
    await t.call('DELETE', `/api/v1/admin/webhooks/${created.body.webhook.id}`, admin);
  });

  it('works from a browser session: the CSRF header is required', async () => {
    const member = await t.signUp('Tier Cookie');
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN_EMAIL, password: 'correct horse battery', session: 'cookie' } });
    expect(login.statusCode).toBe(200);
    const session = login.cookies.find((c) => c.name === 'rapport_session')!;
    const csrf = login.cookies.find((c) => c.name === 'rapport_csrf')!;
    const cookie = `rapport_session=${session.value}; rapport_csrf=${csrf.value}`;
    const url = `/api/v1/admin/members/${member.id}/tier`;
    const noCsrf = await t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: { tier: 'premium' } });
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, 'csrf_failed']);
    const withCsrf = await t.app.inject({ method: 'PUT', url, headers: { cookie, 'x-csrf-token': csrf.value }, payload: { tier: 'premium' } });
    expect([withCsrf.statusCode, withCsrf.json().member.tier]).toEqual([200, 'premium']);
  });
});

describe('premium and allotment paths in the OpenAPI document', () => {
  it('lists the new paths with their bodies', async () => {
    const t = await createTestApp('pglite');
    try {
      const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      expect(openapi.paths['/api/v1/admin/members/{id}/tier'].put.requestBody.content['application/json'].schema.properties.tier.enum).toEqual(['free', 'premium']);
      expect(openapi.paths['/api/v1/admin/members'].get).toBeDefined();
      expect(openapi.paths['/api/v1/me/allotment-requests'].get.responses['200']).toBeDefined();
      expect(openapi.paths['/api/v1/me/allotment-requests'].post.responses['409']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});
