import { isAltchaChallenge, solveAltcha } from '../../../ui/connect/altcha.js';
import { ApiError } from '../../../ui/http.js';

/**
 * Runs a sign-in or a sign-up. When the API answers `rate_limited` with a challenge (many attempts
 * on this account or from this network), solves it in the browser — a fraction of a second of
 * hashing — and tries once more with the solution, so the rightful member gets in; `onChecking`
 * says the check is running. Any other refusal, or a second one, is thrown as it is.
 */
export async function withChallenge<T>(attempt: (captcha?: string) => Promise<T>, onChecking?: () => void): Promise<T> {
  try {
    return await attempt();
  } catch (caught) {
    if (!(caught instanceof ApiError) || caught.code !== 'rate_limited' || caught.problem.captchaRequired !== true) throw caught;
    const challenge = caught.problem.challenge;
    if (!isAltchaChallenge(challenge)) throw caught;
    onChecking?.();
    const captcha = await solveAltcha(challenge);
    if (!captcha) throw caught;
    return attempt(captcha);
  }
}
