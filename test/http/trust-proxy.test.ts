import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Whose word the server takes on who the client is. By default nobody's: `X-Forwarded-For` cannot
 * move a client to a fresh throttle counter, and `X-Forwarded-Proto` cannot ask for secure cookies.
 * With `RAPPORT_TRUST_PROXY` naming the proxy, its headers are believed, and only from it.
 */
const password = 'correct horse battery';
// Two attempts per client address, then a captcha; the account's own limit never bites here.
const tightAddressLimit = { signInThrottle: { windowMinutes: 15, perAccount: 1_000_000, perAddress: 2, perAddressMax: 1_000_000 } };

describe.each(backends)('forwarding headers on %s', (backend) => {
  let t: TestApp;
  afterEach(() => t?.close());

  const login = (email: string, headers: Record<string, string>, remoteAddress = '127.0.0.1', session: 'cookie' | 'token' = 'token') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers, payload: { email, password: `wrong ${Math.random()}`, session } });

  it('by default a client cannot pick the address that sign-in throttling counts', async () => {
    t = await createTestApp(backend, tightAddressLimit);
    const ada = await t.signUp('Ada');
    const answers = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) answers.push(await login(ada.email, { 'x-forwarded-for': address }));
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 429, 429]);
    expect(answers[2]!.json()).toMatchObject({ code: 'rate_limited', captchaRequired: true });
  });

  it('by default X-Forwarded-Proto does not turn a plain request into a secure cookie', async () => {
    t = await createTestApp(backend);
    const ada = await t.signUp('Ada');
    const answer = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { email: ada.email, password, session: 'cookie' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.cookies.map((cookie) => cookie.name)).toContain('rapport_session');
    expect(answer.cookies.find((cookie) => cookie.name === '__Host-rapport_session')).toBeUndefined();
  });

  it('behind a trusted proxy each forwarded client has its own counter, and a peer that is not the proxy has not', async () => {
    t = await createTestApp(backend, tightAddressLimit, { RAPPORT_TRUST_PROXY: '127.0.0.1' });
    const ada = await t.signUp('Ada');
    const throughProxy = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) throughProxy.push(await login(ada.email, { 'x-forwarded-for': address }));
    expect(throughProxy.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 401]);
    // The same client forwarded again is counted where it was.
    expect((await login(ada.email, { 'x-forwarded-for': '198.51.100.1' })).statusCode).toBe(401);
    expect((await login(ada.email, { 'x-forwarded-for': '198.51.100.1' })).statusCode).toBe(429);
    const direct = [];
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) direct.push(await login(ada.email, { 'x-forwarded-for': address }, '203.0.113.9'));
    expect(direct.map((answer) => answer.statusCode)).toEqual([401, 401, 429]);
  });

  it('behind a trusted proxy that terminates TLS, sessions get the secure __Host- cookie', async () => {
    t = await createTestApp(backend, {}, { RAPPORT_TRUST_PROXY: '127.0.0.1' });
    const ada = await t.signUp('Ada');
    const secure = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { email: ada.email, password, session: 'cookie' } });
    const hostCookie = secure.cookies.find((cookie) => cookie.name === '__Host-rapport_session')!;
    expect(hostCookie.secure).toBe(true);
    expect(hostCookie.path).toBe('/');
  });
});

describe('RAPPORT_TRUST_PROXY', () => {
  it('reads off, on, a hop count, or a list of addresses and ranges, and refuses anything else by name', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ RAPPORT_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ RAPPORT_TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(loadConfig({ RAPPORT_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ RAPPORT_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    for (const bad of ['yes', '10.0.0.0/x', 'proxy.internal', ',']) {
      expect(() => loadConfig({ RAPPORT_TRUST_PROXY: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ RAPPORT_TRUST_PROXY: 'proxy.internal' })).toThrow(/RAPPORT_TRUST_PROXY.*proxy\.internal/);
  });
});
