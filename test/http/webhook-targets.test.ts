import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const inside = [
  ['loopback', 'http://127.0.0.1:9/hook'],
  ['loopback, IPv4 written in hex', 'http://0x7f.1/hook'],
  ['loopback, IPv4 as one number', 'http://2130706433/hook'],
  ['loopback, IPv6', 'http://[::1]/hook'],
  ['loopback, IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/hook'],
  ['localhost by name', 'http://localhost:8080/hook'],
  ['a subdomain of localhost', 'http://api.localhost/hook'],
  ['the unspecified address', 'http://0.0.0.0/hook'],
  ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
  ['the metadata service by name', 'http://metadata.google.internal/computeMetadata/v1/'],
  ['AWS metadata over IPv6', 'http://[fd00:ec2::254]/latest/'],
  ['link-local', 'http://169.254.10.1/hook'],
  ['link-local IPv6', 'http://[fe80::1]/hook'],
  ['private 10/8', 'http://10.1.2.3/hook'],
  ['private 172.16/12', 'https://172.20.0.5/hook'],
  ['private 192.168/16', 'http://192.168.1.10/hook'],
  ['unique-local IPv6', 'http://[fd12:3456::1]/hook'],
  ['carrier-grade NAT', 'http://100.64.0.1/hook'],
  ['NAT64 of a private address', 'http://[64:ff9b::a00:1]/hook'],
] as const;

describe.each(backends)('webhook targets on %s', (backend) => {
  let t: TestApp;
  let admin: TestMember;
  let received = 0;
  const receiver = createServer((_request, response) => {
    received++;
    response.statusCode = 204;
    response.end();
  });
  let receiverUrl = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
    t = await createTestApp(backend, { eligibility: 'anyone' });
    admin = await t.signUp('Target Admin', { email: 'admin@example.com' });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const register = (url: string) => t.call('POST', '/api/v1/admin/webhooks', admin, { url, events: ['connection.created'] });

  it.each(inside)('refuses a target on %s by default (422 validation_failed)', async (_label, url) => {
    const answer = await register(url);
    expect([answer.status, answer.body.code]).toEqual([422, 'validation_failed']);
    expect(answer.body.detail).toContain('RAPPORT_WEBHOOK_PRIVATE_TARGETS');
  });

  it('accepts a public address, and a name DNS cannot answer for now (its delivery is checked again)', async () => {
    expect((await register('https://93.184.215.14/hook')).status).toBe(201);
    expect((await register('https://[2606:4700::1111]/hook')).status).toBe(201);
    expect((await register('https://hooks.invalid/rapport')).status).toBe(201);
  });

  it('with RAPPORT_WEBHOOK_PRIVATE_TARGETS=on a loopback target is accepted and delivered to; switched off, the next delivery is refused', async () => {
    t.service.ctx.webhookPrivateTargets = true;
    const created = await register(receiverUrl);
    expect(created.status).toBe(201);
    const [a, b, c, d] = await Promise.all([t.signUp('Target A'), t.signUp('Target B'), t.signUp('Target C'), t.signUp('Target D')]);
    await t.connect(a, b);
    await t.call('POST', '/api/v1/_test/run-due');
    expect(received).toBe(1);

    // What DNS or the operator allowed at registration is asked again at delivery.
    t.service.ctx.webhookPrivateTargets = false;
    await t.connect(c, d);
    await t.call('POST', '/api/v1/_test/run-due');
    expect(received).toBe(1);
    const log = await t.call('GET', `/api/v1/admin/webhooks/${created.body.webhook.id}/deliveries`, admin);
    expect(log.body.items[0]).toMatchObject({ status: 'pending', lastStatus: null, lastError: expect.stringContaining('loopback address') });
  });

  it('a name that turns to loopback between the check and the connection (DNS rebinding) never reaches inside', async () => {
    t.service.ctx.webhookPrivateTargets = false;
    // Public for the check at registration and the one before delivery, this machine when connecting.
    let asked = 0;
    let publicUntil = Infinity;
    t.service.ctx.resolveHost = async (host) => {
      if (host !== 'rebinding.example') throw Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' });
      return ++asked <= publicUntil ? ['93.184.215.14'] : ['127.0.0.1'];
    };
    try {
      const port = (receiver.address() as { port: number }).port;
      const created = await register(`http://rebinding.example:${port}/hooks`);
      expect(created.status).toBe(201);
      publicUntil = asked + 1; // the check before delivery still sees the public address
      const before = received;
      const [a, b] = await Promise.all([t.signUp('Rebind A'), t.signUp('Rebind B')]);
      await t.connect(a, b);
      await t.call('POST', '/api/v1/_test/run-due');
      expect(asked).toBeGreaterThan(publicUntil);
      expect(received).toBe(before);
      const log = await t.call('GET', `/api/v1/admin/webhooks/${created.body.webhook.id}/deliveries`, admin);
      expect(log.body.items[0]).toMatchObject({ status: 'pending', lastStatus: null, lastError: expect.stringContaining('refused at connection') });
    } finally {
      delete t.service.ctx.resolveHost;
    }
  });
});
