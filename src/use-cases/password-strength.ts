import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { DomainError } from '../domain/errors.js';
import { decidePassword, passwordRefusalText, type PasswordEstimate } from '../domain/password-rule.js';
import type { Policy } from '../domain/policy.js';

/*
 * Why zxcvbn-ts (`@zxcvbn-ts/core` 4 with `@zxcvbn-ts/language-common`): the maintained TypeScript
 * port of Dropbox's zxcvbn. It estimates how many guesses a password takes from patterns (repeats,
 * sequences, keyboard rows, dates, leetspeak) and dictionaries that ship in the package — among
 * them a list of about 50,000 passwords most seen in breaches (`passwords-common`) — so nothing is
 * asked of the network. Only the common language pack is loaded: the English pack doubles the
 * start-up cost (about 0.9 s more) and the messages are ours (`passwordRefusalText`).
 */

let estimator: Promise<ZxcvbnFactory> | undefined;

/** Loads the dictionaries once, on the first password checked (about 0.7 s), not at start-up. */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]);
    return new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
  })();
  return estimator;
}

/** What the estimator says of a password (its `warning` as the untranslated key). */
export async function estimatePassword(password: string, email: string): Promise<PasswordEstimate> {
  const zxcvbn = await loadEstimator();
  const result = zxcvbn.check(password, [email, email.split('@')[0] ?? '']);
  return { score: result.score, warning: result.feedback.warning };
}

/** Refuses a new password that is too easy to guess (`weak_password`, 422), with the reason in words. */
export async function requireStrongPassword(policy: Policy, password: string, email: string): Promise<void> {
  const decision = decidePassword(password, email, await estimatePassword(password, email), policy.passwordMinScore);
  if (!decision.ok) {
    throw new DomainError('weak_password', passwordRefusalText(decision.reason), { reason: decision.reason, errors: [{ path: 'body.password', message: passwordRefusalText(decision.reason) }] });
  }
}
