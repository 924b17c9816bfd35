import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * One share of an ALTCHA proof of work: hashes `salt + n` for n from `start` to `end`, every
 * `step`-th number (so several workers split the range), until the hash is the challenge.
 * Synchronous SHA-256 runs near native speed; Web Crypto's one promise per hash does not.
 */
export interface SearchTask {
  salt: string;
  challenge: string;
  start: number;
  end: number;
  step: number;
}

/** Numbers tried between progress reports. */
export const REPORT_EVERY = 20_000;

/** The answer, or null when the share holds none; `onProgress` hears every `REPORT_EVERY` numbers tried. */
export function searchShare(task: SearchTask, onProgress: (tried: number) => void): number | null {
  const encoder = new TextEncoder();
  const target = task.challenge.toLowerCase();
  let tried = 0;
  for (let n = task.start; n <= task.end; n += task.step) {
    if (bytesToHex(sha256(encoder.encode(task.salt + n))) === target) return n;
    if (++tried === REPORT_EVERY) {
      onProgress(tried);
      tried = 0;
    }
  }
  return null;
}
