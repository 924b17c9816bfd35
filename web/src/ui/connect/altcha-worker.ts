import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * One share of an ALTCHA proof of work: hashes `salt + n` for n from `start` to `end` (every
 * `step`-th number, so several workers split the range) until the hash is the challenge.
 * Synchronous SHA-256 in a worker runs near native speed; Web Crypto's one promise per hash does not.
 */
export interface WorkerTask {
  salt: string;
  challenge: string;
  start: number;
  end: number;
  step: number;
}
export type WorkerMessage = { kind: 'progress'; tried: number } | { kind: 'found'; number: number } | { kind: 'exhausted' };

const scope = self as unknown as { onmessage: ((event: MessageEvent<WorkerTask>) => void) | null; postMessage(message: WorkerMessage): void };
const REPORT_EVERY = 20_000;

scope.onmessage = ({ data: task }) => {
  const encoder = new TextEncoder();
  const target = task.challenge.toLowerCase();
  let tried = 0;
  for (let n = task.start; n <= task.end; n += task.step) {
    if (bytesToHex(sha256(encoder.encode(task.salt + n))) === target) {
      scope.postMessage({ kind: 'found', number: n });
      return;
    }
    if (++tried === REPORT_EVERY) {
      scope.postMessage({ kind: 'progress', tried });
      tried = 0;
    }
  }
  scope.postMessage({ kind: 'exhausted' });
};
