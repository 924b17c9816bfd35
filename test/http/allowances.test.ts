import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

describe.each(backends)('monthly allowances on %s', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend, { introductionsPerMonth: { free: 2, premium: 15 }, inmailCreditsPerMonth: { free: 1, premium: 5 } });
  });
  afterAll(() => t.close());

  it('counts introductions asked for and InMail sent this month, and renews on the 1st (UTC)', async () => {
    const [ann, ben, cat, dan] = await Promise.all(['Ann Asker', 'Ben Between', 'Cat Target', 'Dan Stranger'].map((name) => t.signUp(name)));
    const fresh = await t.call('GET', '/api/v1/me/allowances', ann);
    expect(fresh.status).toBe(200);
    const renewsAt = new Date(fresh.body.introductions.renewsAt);
    expect(renewsAt.getUTCDate()).toBe(1);
    expect(renewsAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(fresh.body).toMatchObject({ introductions: { limit: 2, used: 0, remaining: 2 }, inmail: { limit: 1, used: 0, remaining: 1 } });

    await t.connect(ann!, ben!);
    await t.connect(ben!, cat!);
    const asked = await t.call('POST', '/api/v1/introductions', ann, { introducerId: ben!.id, targetId: cat!.id, messageToIntroducer: 'Could you introduce me?', messageToTarget: 'Hello!' });
    expect(asked.status).toBe(201);
    expect((await t.call('POST', '/api/v1/messages', ann, { recipientId: dan!.id, body: 'Hello from a stranger' })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/messages', ann, { recipientId: ben!.id, body: 'A connection: free' })).status).toBe(201);

    const after = await t.call('GET', '/api/v1/me/allowances', ann);
    expect(after.body).toMatchObject({ introductions: { limit: 2, used: 1, remaining: 1 }, inmail: { limit: 1, used: 1, remaining: 0 } });
    const refused = await t.call('POST', '/api/v1/messages', ann, { recipientId: cat!.id, body: 'One more stranger' });
    expect(refused.body.code).toBe('inmail_credits_exhausted');

    await t.clock.advance(renewsAt.getTime() - t.clock.now().getTime() + 1000);
    expect((await t.call('GET', '/api/v1/me/allowances', ann)).body).toMatchObject({ introductions: { used: 0, remaining: 2 }, inmail: { used: 0, remaining: 1 } });
    expect((await t.call('GET', '/api/v1/me/allowances', null)).status).toBe(401);
  });
});
