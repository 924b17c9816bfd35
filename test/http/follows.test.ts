import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const ids = (body: any) => body.items.map((item: any) => item.member.id);

describe.each(backends)('follows on %s', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend, { maxConnections: 2 });
  });
  afterAll(() => t.close());

  it('follows without connecting, lists both sides, is idempotent, and unfollows', async () => {
    const ann = await t.signUp('Ann Archer');
    const ben = await t.signUp('Ben Brook');
    const first = await t.call('POST', '/api/v1/follows', ann, { memberId: ben.id });
    expect(first.status).toBe(201);
    expect(first.body.relationship).toMatchObject({ following: true, followedBy: false, connected: false, canFollow: true, followers: 1 });
    expect((await t.call('POST', '/api/v1/follows', ann, { memberId: ben.id })).status).toBe(200);

    const following = await t.call('GET', '/api/v1/follows', ann);
    expect(following.body).toMatchObject({ total: 1, nextCursor: null });
    expect(following.body.items[0]).toMatchObject({ member: { id: ben.id }, connected: false, followsYou: false });
    const followers = await t.call('GET', '/api/v1/followers', ben);
    expect(followers.body.items).toMatchObject([{ member: { id: ann.id }, connected: false, youFollow: false }]);
    expect((await t.call('GET', `/api/v1/follows/${ann.id}`, ben)).body.relationship).toMatchObject({ following: false, followedBy: true });

    expect((await t.call('DELETE', `/api/v1/follows/${ben.id}`, ann)).status).toBe(204);
    expect((await t.call('DELETE', `/api/v1/follows/${ben.id}`, ann)).status).toBe(404);
    expect((await t.call('GET', '/api/v1/followers', ben)).body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses following yourself or someone who is not there', async () => {
    const cat = await t.signUp('Cat Cole');
    const self = await t.call('POST', '/api/v1/follows', cat, { memberId: cat.id });
    expect([self.status, self.body.code]).toEqual([422, 'cannot_follow_self']);
    expect((await t.call('POST', '/api/v1/follows', cat, { memberId: '999999' })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/follows', null, { memberId: cat.id })).status).toBe(401);
  });

  it('makes connections follow each other; a connection may unfollow and follow again while staying connected', async () => {
    const dan = await t.signUp('Dan Dale');
    const eve = await t.signUp('Eve Eng');
    await t.connect(dan, eve);
    expect(ids((await t.call('GET', '/api/v1/follows', dan)).body)).toEqual([eve.id]);
    expect(ids((await t.call('GET', '/api/v1/followers', dan)).body)).toEqual([eve.id]);
    expect((await t.call('GET', '/api/v1/follows', dan)).body.items[0]).toMatchObject({ connected: true, followsYou: true });

    expect((await t.call('DELETE', `/api/v1/follows/${eve.id}`, dan)).status).toBe(204);
    expect(ids((await t.call('GET', '/api/v1/follows', dan)).body)).toEqual([]);
    expect(ids((await t.call('GET', '/api/v1/followers', eve)).body)).toEqual([]);
    expect(ids((await t.call('GET', '/api/v1/follows', eve)).body)).toEqual([dan.id]); // eve still follows dan
    expect(ids((await t.call('GET', '/api/v1/connections', dan)).body)).toEqual([eve.id]);
    expect((await t.call('DELETE', `/api/v1/follows/${eve.id}`, dan)).status).toBe(404);

    expect((await t.call('POST', '/api/v1/follows', dan, { memberId: eve.id })).status).toBe(201);
    expect(ids((await t.call('GET', '/api/v1/followers', eve)).body)).toEqual([dan.id]);

    // Disconnected, they no longer follow each other (no explicit follow was ever written).
    expect((await t.call('DELETE', `/api/v1/connections/${eve.id}`, dan)).status).toBe(204);
    expect(ids((await t.call('GET', '/api/v1/follows', dan)).body)).toEqual([]);
    expect(ids((await t.call('GET', '/api/v1/follows', eve)).body)).toEqual([]);
  });

  it('hides follows both ways while a block stands', async () => {
    const fay = await t.signUp('Fay Ford');
    const gus = await t.signUp('Gus Gray');
    await t.call('POST', '/api/v1/follows', fay, { memberId: gus.id });
    await t.call('POST', '/api/v1/follows', gus, { memberId: fay.id });
    expect((await t.call('POST', '/api/v1/blocks', gus, { memberId: fay.id })).status).toBe(204);
    for (const [who, path] of [[fay, '/api/v1/follows'], [fay, '/api/v1/followers'], [gus, '/api/v1/follows'], [gus, '/api/v1/followers']] as const) {
      expect((await t.call('GET', path, who)).body).toMatchObject({ items: [], total: 0 });
    }
    expect((await t.call('POST', '/api/v1/follows', fay, { memberId: gus.id })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/follows/${gus.id}`, fay)).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/blocks/${fay.id}`, gus)).status).toBe(204);
    expect(ids((await t.call('GET', '/api/v1/follows', fay)).body)).toEqual([gus.id]);
  });

  it('lets anyone follow a member at maxConnections, whose Connect is closed, and a company page', async () => {
    const star = await t.signUp('Sue Star');
    const [f1, f2, fan] = await Promise.all([t.signUp('Fan One'), t.signUp('Fan Two'), t.signUp('Fan Three')]);
    await t.connect(star, f1);
    await t.connect(star, f2); // maxConnections is 2 here
    const relationship = (await t.call('GET', `/api/v1/follows/${star.id}`, fan)).body.relationship;
    expect(relationship).toMatchObject({ canFollow: true, following: false, primaryAction: 'follow', canConnect: { allowed: false, code: 'connection_limit_reached' } });
    const invite = await t.call('POST', '/api/v1/invitations', fan, { recipientId: star.id, email: star.email });
    expect([invite.status, invite.body.code]).toEqual([409, 'connection_limit_reached']);
    expect((await t.call('POST', '/api/v1/follows', fan, { memberId: star.id })).status).toBe(201);
    expect((await t.call('GET', '/api/v1/followers', star)).body.total).toBe(3);

    const acme = await t.signUp('Acme Corp', { kind: 'company' });
    const page = (await t.call('GET', `/api/v1/follows/${acme.id}`, fan)).body.relationship;
    expect(page).toMatchObject({ canFollow: true, primaryAction: 'follow', canConnect: { allowed: false, code: 'companies_cannot_connect' } });
    expect((await t.call('POST', '/api/v1/follows', fan, { memberId: acme.id })).status).toBe(201);
  });

  it('lets a member make Follow their primary button', async () => {
    const ivy = await t.signUp('Ivy Irwin');
    const jon = await t.signUp('Jon Jones');
    expect((await t.call('GET', '/api/v1/me/follow-primary', ivy)).body).toEqual({ enabled: false });
    expect((await t.call('GET', `/api/v1/follows/${ivy.id}`, jon)).body.relationship).toMatchObject({ followPrimary: false, primaryAction: 'connect' });
    expect((await t.call('PUT', '/api/v1/me/follow-primary', ivy, { enabled: true })).body).toEqual({ enabled: true });
    expect((await t.call('GET', '/api/v1/me/follow-primary', ivy)).body).toEqual({ enabled: true });
    const relationship = (await t.call('GET', `/api/v1/follows/${ivy.id}`, jon)).body.relationship;
    expect(relationship).toMatchObject({ followPrimary: true, primaryAction: 'follow', canConnect: { allowed: true } });
  });

  it('pages through followers with a cursor', async () => {
    const kay = await t.signUp('Kay Key');
    const fans = [];
    for (let i = 0; i < 5; i++) {
      const fan = await t.signUp(`Pager ${i}`);
      await t.clock.advance(1000);
      fans.push(fan);
      await t.call('POST', '/api/v1/follows', fan, { memberId: kay.id });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.call('GET', `/api/v1/followers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, kay);
      expect(page.body.total).toBe(5);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(fans.map((f) => f.id).reverse());
  });
});
