import { searchShare } from './altcha-search.js';
import type { WorkerMessage, WorkerTask } from './altcha-worker.js';

/** An ALTCHA v1 proof-of-work challenge, as the API sends it in a `captcha_required` problem. */
export interface AltchaChallenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  maxNumber?: number;
  salt: string;
  signature: string;
}

export function isAltchaChallenge(value: unknown): value is AltchaChallenge {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.challenge === 'string' && typeof v.salt === 'string' && typeof v.signature === 'string' && typeof v.algorithm === 'string';
}

export interface AltchaProgress {
  /** Numbers tried so far, over all workers. */
  tried: number;
  /** The most there can be to try (the challenge's `maxnumber` + 1); on average half are tried. */
  max: number;
}

/** At most this many workers, whatever the machine has: the page stays usable meanwhile. */
const MOST_WORKERS = 4;

function workerCount(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(MOST_WORKERS, cores - 1));
}

/**
 * Finds the number n in 0..maxnumber with SHA-256(salt + n) = challenge, split over a few Web
 * Workers, and answers the payload the API expects: base64 of the JSON solution (null when the
 * challenge has no answer or uses another algorithm). Its cost is the policy's `captchaMaxNumber`.
 */
export function solveAltcha(challenge: AltchaChallenge, onProgress?: (progress: AltchaProgress) => void): Promise<string | null> {
  if (challenge.algorithm.toUpperCase() !== 'SHA-256') return Promise.resolve(null);
  const max = challenge.maxnumber ?? challenge.maxNumber ?? 1_000_000;
  if (typeof Worker === 'undefined') return solveHere(challenge, max, onProgress);
  const count = workerCount();
  const workers = Array.from({ length: count }, () => new Worker(new URL('./altcha-worker.ts', import.meta.url), { type: 'module' }));
  let tried = 0;
  let exhausted = 0;
  return new Promise<string | null>((resolve) => {
    const finish = (answer: string | null) => {
      for (const worker of workers) worker.terminate();
      resolve(answer);
    };
    workers.forEach((worker, index) => {
      worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
        if (data.kind === 'progress') {
          tried += data.tried;
          onProgress?.({ tried, max: max + 1 });
        } else if (data.kind === 'found') {
          finish(payload(challenge, data.number));
        } else if (++exhausted === count) {
          finish(null);
        }
      };
      worker.onerror = () => finish(null);
      const task: WorkerTask = { salt: challenge.salt, challenge: challenge.challenge, start: index, end: max, step: count };
      worker.postMessage(task);
    });
  });
}

function payload(challenge: AltchaChallenge, number: number): string {
  const solution = { algorithm: challenge.algorithm, challenge: challenge.challenge, number, salt: challenge.salt, signature: challenge.signature };
  return btoa(JSON.stringify(solution));
}

/** Where there are no Web Workers (tests, old engines): the same search on this thread, in one share. */
async function solveHere(challenge: AltchaChallenge, max: number, onProgress?: (progress: AltchaProgress) => void): Promise<string | null> {
  let tried = 0;
  const found = searchShare({ salt: challenge.salt, challenge: challenge.challenge, start: 0, end: max, step: 1 }, (more) => {
    tried += more;
    onProgress?.({ tried, max: max + 1 });
  });
  return found === null ? null : payload(challenge, found);
}
