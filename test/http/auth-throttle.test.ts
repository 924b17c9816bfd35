import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/domain/policy.js';
import { solvedCaptcha as solved } from '../helpers/captcha.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const PASSWORD = 'correct horse battery';
const signIn = defaultPolicy.signInThrottle;
const signUp = defaultPolicy.signUpThrottle;

describe.each(backends)('sign-in and sign-up throttling on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    // The policy's own sign-up limits (the test helper lifts them for the other suites).
    t = await createTestApp(backend, { signUpThrottle: signUp });
  });
  afterAll(() => t.close());

  async function post(url: string, payload: Record<string, unknown>, remoteAddress: string) {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  }
  const login = (member: Pick<TestMember, 'email'>, password: string, from: string, extra: Record<string, unknown> = {}) => post('/auth/login', { email: member.email, password, ...extra }, from);

  function expectThrottled(answer: Awaited<ReturnType<typeof post>>, windowMinutes: number, captcha = true) {
    expect([answer.status, answer.body.code]).toEqual([429, 'rate_limited']);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(answer.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(windowMinutes * 60);
    expect(answer.body.retryAfterSeconds).toBe(retryAfter);
    expect(answer.body.captchaRequired).toBe(captcha);
    if (captcha) expect(answer.body.challenge).toMatchObject({ algorithm: 'SHA-256', signature: expect.any(String) });
  }

  it('70 wrong passwords in a row: the first perAccount answer 401, every later one 429 with Retry-After and a challenge', async () => {
    const member = await t.signUp('Sequential Target');
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) {
      const answer = await login(member, `wrong password ${i}`, '10.0.1.1');
      statuses.push(answer.status);
      if (answer.status === 429) expectThrottled(answer, signIn.windowMinutes);
    }
    expect(statuses.slice(0, signIn.perAccount)).toEqual(Array(signIn.perAccount).fill(401));
    expect(statuses.slice(signIn.perAccount)).toEqual(Array(70 - signIn.perAccount).fill(429));
  });

  it('70 wrong passwords at once: exactly perAccount reach the password check, the rest answer 429', async () => {
    const member = await t.signUp('Parallel Target');
    const answers = await Promise.all(Array.from({ length: 70 }, (_, i) => login(member, `wrong password ${i}`, '10.0.2.1')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(signIn.perAccount);
    expect(statuses.filter((s) => s === 429)).toHaveLength(70 - signIn.perAccount);
    for (const answer of answers.filter((a) => a.status === 429)) expectThrottled(answer, signIn.windowMinutes);
  });

  it('an attacker cannot lock the owner out: after the pile of failures, the right password with a solved captcha signs in, and clears the account', async () => {
    const member = await t.signUp('Locked Owner');
    for (let i = 0; i < 70; i++) await login(member, `guess ${i}`, '10.0.3.1');
    // The owner, from elsewhere: without a captcha the account waits too.
    const asked = await login(member, PASSWORD, '10.0.3.99');
    expectThrottled(asked, signIn.windowMinutes);
    const captcha = await solved(asked.body.challenge);
    const signedIn = await login(member, PASSWORD, '10.0.3.99', { captcha });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.member.id).toBe(member.id);
    // A solved challenge works once.
    const replay = await login(member, PASSWORD, '10.0.3.1', { captcha });
    expect([replay.status, replay.body.code]).toEqual([422, 'captcha_invalid']);
    const garbage = await login(member, PASSWORD, '10.0.3.1', { captcha: 'bm9wZQ==' });
    expect([garbage.status, garbage.body.code]).toEqual([422, 'captcha_invalid']);
    // The right password cleared the account's failures: the owner signs in without a captcha again.
    expect((await login(member, PASSWORD, '10.0.3.99')).status).toBe(200);
  });

  it('a wrong password with a solved captcha still counts, and still answers 401', async () => {
    const member = await t.signUp('Captcha Guess Target');
    for (let i = 0; i < signIn.perAccount; i++) await login(member, `guess ${i}`, '10.0.4.1');
    const asked = await login(member, 'another guess', '10.0.4.1');
    expectThrottled(asked, signIn.windowMinutes);
    const answer = await login(member, 'another guess', '10.0.4.1', { captcha: await solved(asked.body.challenge) });
    expect([answer.status, answer.body.code]).toEqual([401, 'invalid_credentials']);
    expectThrottled(await login(member, PASSWORD, '10.0.4.1'), signIn.windowMinutes);
  });

  it('per client address: failures spread over many accounts from one address throttle that address only', async () => {
    const member = await t.signUp('Address Neighbour');
    for (let i = 0; i < signIn.perAddress; i++) expect((await login({ email: `nobody${i}@example.com` }, 'guess', '10.0.5.1')).status).toBe(401);
    expectThrottled(await login({ email: 'nobody-more@example.com' }, 'guess', '10.0.5.1'), signIn.windowMinutes);
    // A member behind the same address gets a challenge, and in with it; elsewhere, nothing changes.
    const asked = await login(member, PASSWORD, '10.0.5.1');
    expectThrottled(asked, signIn.windowMinutes);
    expect((await login(member, PASSWORD, '10.0.5.1', { captcha: await solved(asked.body.challenge) })).status).toBe(200);
    expect((await login(member, PASSWORD, '10.0.5.2')).status).toBe(200);
  });

  it('past perAddressMax failures, an address waits even with a captcha', async () => {
    const member = await t.signUp('Hard Ceiling Neighbour');
    const burst = await Promise.all(Array.from({ length: signIn.perAddressMax }, (_, i) => login({ email: `ghost${i}@example.com` }, 'guess', '10.0.6.1')));
    expect(burst.filter((a) => a.status === 401)).toHaveLength(signIn.perAddress);
    const asked = await login(member, PASSWORD, '10.0.6.2');
    expect(asked.status).toBe(200);
    const hard = await login(member, PASSWORD, '10.0.6.1', { captcha: await solved(burst.find((a) => a.status === 429)!.body.challenge) });
    expectThrottled(hard, signIn.windowMinutes, false);
  });

  it('sign-ups: perAddress per window from one address, then 429 with a challenge; a solved one lets the next through', async () => {
    const from = '10.0.7.1';
    for (let i = 0; i < signUp.perAddress; i++) {
      expect((await post('/auth/signup', { email: `mass${i}@example.com`, password: PASSWORD, name: `Mass ${i}` }, from)).status).toBe(201);
    }
    const asked = await post('/auth/signup', { email: 'mass-more@example.com', password: PASSWORD, name: 'Mass More' }, from);
    expectThrottled(asked, signUp.windowMinutes);
    const created = await post('/auth/signup', { email: 'mass-more@example.com', password: PASSWORD, name: 'Mass More', captcha: await solved(asked.body.challenge) }, from);
    expect(created.status).toBe(201);
    expect((await post('/auth/signup', { email: 'elsewhere@example.com', password: PASSWORD, name: 'Elsewhere' }, '10.0.7.2')).status).toBe(201);
  });

  it('sign-ups: perAccount attempts for one address (probing whether it is taken), then 429', async () => {
    const body = { email: 'probed@example.com', password: PASSWORD, name: 'Probed' };
    expect((await post('/auth/signup', body, '10.0.8.1')).status).toBe(201);
    for (let i = 1; i < signUp.perAccount; i++) expect((await post('/auth/signup', body, `10.0.8.${i + 1}`)).body.code).toBe('email_taken');
    expectThrottled(await post('/auth/signup', body, '10.0.8.99'), signUp.windowMinutes);
  });

  it.each([
    ['aaaaaaaa', 'weak1@example.com', 'repeats the same characters'],
    ['password', 'weak2@example.com', 'most common passwords'],
    ['12345678', 'weak3@example.com', 'most common passwords'],
    ['Password1!', 'weak4@example.com', 'most common passwords'],
    ['weak.owner@example.com', 'weak.owner@example.com', 'email address'],
    ['weakowner1', 'weakowner@example.com', 'email address'],
  ])('refuses the weak password %j (for %s) with 422 weak_password and says why', async (password, email, why) => {
    const answer = await post('/auth/signup', { email, password, name: 'Weak Owner' }, '10.0.9.1');
    expect([answer.status, answer.body.code]).toEqual([422, 'weak_password']);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.body.detail).toContain(why);
    expect(answer.body.errors).toEqual([{ path: 'body.password', message: answer.body.detail }]);
  });

  it('accepts a phrase of a few words', async () => {
    expect((await post('/auth/signup', { email: 'phrase@example.com', password: PASSWORD, name: 'Phrase' }, '10.0.9.2')).status).toBe(201);
  });
});
