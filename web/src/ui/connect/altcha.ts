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

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const BATCH = 500;

/**
 * Finds the number n in 0..maxnumber with SHA-256(salt + n) = challenge, hashing in batches with
 * Web Crypto, and answers the payload the API expects: base64 of the JSON solution.
 */
export async function solveAltcha(challenge: AltchaChallenge, onProgress?: (tried: number) => void): Promise<string | null> {
  if (challenge.algorithm.toUpperCase() !== 'SHA-256') return null;
  const max = challenge.maxnumber ?? challenge.maxNumber ?? 1_000_000;
  const encoder = new TextEncoder();
  const target = challenge.challenge.toLowerCase();
  for (let start = 0; start <= max; start += BATCH) {
    const end = Math.min(max, start + BATCH - 1);
    const numbers: number[] = [];
    for (let n = start; n <= end; n++) numbers.push(n);
    const hashes = await Promise.all(numbers.map((n) => crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n))));
    for (let i = 0; i < hashes.length; i++) {
      if (toHex(hashes[i]!) === target) {
        const number = numbers[i]!;
        const solution = { algorithm: challenge.algorithm, challenge: challenge.challenge, number, salt: challenge.salt, signature: challenge.signature };
        return btoa(JSON.stringify(solution));
      }
    }
    onProgress?.(end + 1);
    // Let the page breathe between batches so the dialog stays responsive.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return null;
}
