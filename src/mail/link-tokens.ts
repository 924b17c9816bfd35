import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `unsubscribe_address`: an address that belongs to no member opts out (its subject is the address's `suppressionHash`). */
export type LinkPurpose = 'accept_invitation' | 'ignore_invitation' | 'unsubscribe' | 'unsubscribe_address' | 'verify_email' | 'download_export';

export interface LinkClaims {
  /** What the link may do; a token made for one purpose is refused for any other. */
  purpose: LinkPurpose;
  /** Whose link it is. */
  memberId: number;
  /** The invitation (accept, ignore) or the mail category (unsubscribe). */
  subject: string;
  expiresAt: number;
  /** Makes each token unique, for single use. */
  nonce: string;
}

function sign(secret: string, body: string): Buffer {
  return createHmac('sha256', `${secret}:links`).update(body).digest();
}

/** A signed, purpose-bound, expiring link token (HMAC-SHA256 over the claims). */
export function createLinkToken(secret: string, claims: Omit<LinkClaims, 'nonce'>): string {
  const body = Buffer.from(JSON.stringify({ ...claims, nonce: randomBytes(9).toString('base64url') })).toString('base64url');
  return `${body}.${sign(secret, body).toString('base64url')}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'tampered' | 'expired' | 'wrong_purpose' };

export function verifyLinkToken(secret: string, token: string, purpose: LinkPurpose, now: Date): LinkCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 2000) return { ok: false, reason: 'tampered' };
  const expected = sign(secret, body);
  const given = Buffer.from(signature, 'base64url');
  // One spelling per signature: base64url decoding forgives padding, the other alphabet and the
  // unused low bits of the last character, so only the spelling we issue is taken.
  if (given.toString('base64url') !== signature) return { ok: false, reason: 'tampered' };
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
  let claims: LinkClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkClaims;
  } catch {
    return { ok: false, reason: 'tampered' };
  }
  if (claims.purpose !== purpose) return { ok: false, reason: 'wrong_purpose' };
  if (typeof claims.expiresAt !== 'number' || claims.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/**
 * The id under which a used token is remembered, so it works once: its signature as decoded (and
 * spelled canonically again), so no other spelling of the same signature counts as a new token.
 */
export function tokenId(token: string): string {
  const signature = token.split('.')[1];
  return signature === undefined ? token : Buffer.from(signature, 'base64url').toString('base64url');
}
