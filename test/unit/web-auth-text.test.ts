// The web app's side of throttled sign-in and sign-up and of refused passwords: what the member
// reads, and the automatic check that lets the rightful member through.
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { describe, expect, it } from 'vitest';
import { withChallenge } from '../../web/src/features/auth/api/with-challenge.js';
import { ApiError } from '../../web/src/ui/http.js';
import { problemSentence } from '../../web/src/ui/problem-text.js';

const problem = (code: string, extra: Record<string, unknown> = {}) => ({ type: 'about:blank', title: '', status: 0, detail: '', code, ...extra });

describe('problemSentence for sign-in and sign-up', () => {
  it.each([
    ['a refused password shows the reason the API gives', problem('weak_password', { detail: 'This password is one of the most common passwords.' }), 'This password is one of the most common passwords.'],
    ['a throttled attempt that a check can pass says how long, and that the check runs', problem('rate_limited', { retryAfterSeconds: 600, captchaRequired: true }), 'There have been many attempts on this account or from your network. Try again in 10 minutes, or let the automatic check run.'],
    ['past the address ceiling, only the wait', problem('rate_limited', { retryAfterSeconds: 45, captchaRequired: false }), 'There have been too many attempts from your network. Try again in 45 seconds.'],
  ])('%s', (_name, refusal, sentence) => {
    expect(problemSentence(refusal)).toBe(sentence);
  });
});

describe('withChallenge', () => {
  it('solves the challenge of a throttled attempt and tries once more with the solution', async () => {
    const challenge = await createChallenge({ hmacKey: 'k', maxNumber: 2000 });
    const sent: (string | undefined)[] = [];
    let checking = false;
    const answer = await withChallenge(async (captcha) => {
      sent.push(captcha);
      if (!captcha) throw new ApiError(problem('rate_limited', { status: 429, captchaRequired: true, challenge }));
      return 'signed in';
    }, () => (checking = true));
    expect(answer).toBe('signed in');
    expect(checking).toBe(true);
    expect(sent[0]).toBeUndefined();
    expect(await verifySolution(JSON.parse(Buffer.from(sent[1]!, 'base64').toString('utf8')), 'k', false)).toBe(true);
  });

  it.each([
    ['another refusal', problem('invalid_credentials', { status: 401 })],
    ['a wait that no check can shorten', problem('rate_limited', { status: 429, captchaRequired: false })],
  ])('throws %s as it is, without a second try', async (_name, refusal) => {
    let tries = 0;
    await expect(withChallenge(async () => { tries++; throw new ApiError(refusal); })).rejects.toBeInstanceOf(ApiError);
    expect(tries).toBe(1);
  });
});
