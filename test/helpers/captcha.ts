import { createHash } from 'node:crypto';

/** An ALTCHA challenge as a `captcha_required` or `rate_limited` problem carries it. */
export interface ProblemChallenge {
  challenge: string;
  salt: string;
  algorithm: string;
  signature: string;
  maxnumber: number;
}

/**
 * Solves a refusal's challenge as a script would, with native SHA-256 (about a million hashes a
 * second), and answers the payload to send back as `captcha`.
 */
export async function solvedCaptcha(challenge: ProblemChallenge): Promise<string> {
  for (let number = 0; number <= challenge.maxnumber; number++) {
    if (createHash('sha256').update(challenge.salt + number).digest('hex') === challenge.challenge) {
      const { algorithm, salt, signature } = challenge;
      return Buffer.from(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature })).toString('base64');
    }
  }
  throw new Error('the challenge has no solution');
}
