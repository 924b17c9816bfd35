import { solveChallenge } from 'altcha-lib/v1';

/** An ALTCHA challenge as a `captcha_required` or `rate_limited` problem carries it. */
export interface ProblemChallenge {
  challenge: string;
  salt: string;
  algorithm: string;
  signature: string;
  maxnumber: number;
}

/** Solves a refusal's challenge, as the web app does, and answers the payload to send back as `captcha`. */
export async function solvedCaptcha(challenge: ProblemChallenge): Promise<string> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  return Buffer.from(JSON.stringify({ algorithm: challenge.algorithm, challenge: challenge.challenge, number: solution!.number, salt: challenge.salt, signature: challenge.signature })).toString('base64');
}
