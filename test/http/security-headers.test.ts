import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

describe.each(backends)('security headers on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).headers;

  it('every answer carries helmet headers, a CSP with no inline script and frame-ancestors none', async () => {
    for (const url of ['/api/v1/me', '/healthz', '/openapi.json', '/api/v1/nowhere']) {
      const headers = await get(url);
      expect(headers['content-security-policy']).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
      expect(headers['content-security-policy']).toMatch(/(^|;\s*)script-src 'self'(;|$)/);
      expect(headers['content-security-policy']).toMatch(/(^|;\s*)style-src 'self'(;|$)/);
      expect(headers['content-security-policy']).toMatch(/(^|;\s*)object-src 'none'(;|$)/);
      expect(headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
      expect(headers['strict-transport-security']).toBeDefined();
    }
  });

  it('mail pages and the API docs allow inline style only, still no inline script and never framed', async () => {
    for (const url of ['/mail/unsubscribe?token=x', '/mail/accept?token=x', '/docs', '/docs/static/index.html']) {
      const csp = String((await get(url))['content-security-policy']);
      expect([url, csp]).toEqual([url, expect.stringMatching(/(^|;\s*)style-src 'self' 'unsafe-inline'(;|$)/)]);
      expect(csp).toMatch(/(^|;\s*)script-src 'self'(;|$)/);
      expect(csp).toMatch(/(^|;\s*)frame-ancestors 'none'(;|$)/);
    }
  });
});
