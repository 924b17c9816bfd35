import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * `/livez` answers while the process runs; `/readyz` only while it can take traffic: migrated, the
 * database answering, not shutting down (`/healthz`, as before, the same without asking the database). `/metrics` is open outside
 * production; in production it needs the bearer token from `RAPPORT_METRICS_TOKEN`, and without
 * one it is refused.
 */
describe.each(backends)('health and metrics on %s', (backend) => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('livez, readyz and healthz answer while serving', async () => {
    t = await createTestApp(backend);
    for (const path of ['/livez', '/readyz', '/healthz']) {
      const answer = await t.call('GET', path);
      expect(answer.status, path).toBe(200);
      expect(answer.body).toEqual({ status: 'ok' });
    }
  });

  it('readyz says not ready once the database stops answering, while livez stays up', async () => {
    // (/healthz keeps its old meaning, migrated and not shutting down, with no database round trip.)
    t = await createTestApp(backend);
    await t.service.database.close();
    const ready = await t.call('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe('service_unavailable');
    expect((await t.call('GET', '/livez')).status).toBe(200);
    await t.app.close();
    t = { close: async () => {} } as TestApp;
  });

  it('metrics are open outside production', async () => {
    t = await createTestApp(backend);
    const answer = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('rapport_http_requests_total');
  });

  it('in production metrics need the bearer token, and a session or member token is not it', async () => {
    t = await createTestApp(backend, {}, { NODE_ENV: 'production', RAPPORT_METRICS_TOKEN: 'scrape-secret-1234' });
    const ada = await t.signUp('Ada');
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-123' } });
    expect(wrong.statusCode).toBe(401);
    expect(JSON.parse(wrong.body).code).toBe('unauthorized');
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${ada.token}` } })).statusCode).toBe(401);
    const right = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-1234' } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('rapport_http_requests_total');
  });

  it('in production without a token metrics are refused, saying which setting opens them', async () => {
    t = await createTestApp(backend, {}, { NODE_ENV: 'production' });
    const answer = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer anything' } });
    expect(answer.statusCode).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'forbidden' });
    expect(JSON.parse(answer.body).detail).toContain('RAPPORT_METRICS_TOKEN');
  });
});

describe('RAPPORT_DB_WAIT_SECONDS', () => {
  it('defaults to 60 and refuses what is not a number of seconds', () => {
    expect(loadConfig({}).databaseWaitSeconds).toBe(60);
    expect(loadConfig({ RAPPORT_DB_WAIT_SECONDS: '2.5' }).databaseWaitSeconds).toBe(2.5);
    expect(() => loadConfig({ RAPPORT_DB_WAIT_SECONDS: 'soon' })).toThrow(ConfigError);
  });
});
