import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/db/repositories/outbox.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

describe.each(backends)('follow events on %s', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('tells the member who gained a follower, once; records follows and unfollows for webhooks', async () => {
    const ann = await t.signUp('Ann Archer');
    const ben = await t.signUp('Ben Brook');
    expect((await t.call('POST', '/api/v1/follows', ann, { memberId: ben.id })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/follows', ann, { memberId: ben.id })).status).toBe(200); // already following: no second event
    await t.call('POST', '/api/v1/_test/run-due');
    const notifications = (await t.call('GET', '/api/v1/notifications', ben)).body.items.filter((n: { kind: string }) => n.kind === 'new_follower');
    expect(notifications).toHaveLength(1);
    expect(notifications[0].payload).toMatchObject({ memberId: ann.id, from: { name: 'Ann Archer' } });
    expect((await t.call('DELETE', `/api/v1/follows/${ben.id}`, ann)).status).toBe(204);
    await t.call('POST', '/api/v1/_test/run-due');
    expect((await t.call('GET', '/api/v1/notifications', ann)).body.items).toEqual([]); // unfollowing tells nobody

    const db = t.service.ctx.db;
    const mine = (rows: { payload: unknown }[]) => rows.filter((row) => {
      const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as { followerId: number };
      return String(payload.followerId) === ann.id;
    });
    expect(mine(await listEvents(db, 'member.followed'))).toHaveLength(1);
    expect(mine(await listEvents(db, 'member.unfollowed'))).toHaveLength(1);

    const admin = await t.signUp('Ada Admin', { email: 'admin@example.com' });
    const hook = await t.call('POST', '/api/v1/admin/webhooks', admin, { url: 'https://hooks.example.org/rapport', events: ['member.followed', 'member.unfollowed', 'message.sent'] });
    expect(hook.status).toBe(201);
  });
});
