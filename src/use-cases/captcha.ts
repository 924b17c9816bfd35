import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { AppContext } from '../context.js';

type Challenge = Awaited<ReturnType<typeof createChallenge>>;

const MINUTE_MS = 60 * 1000;

function captchaKey(ctx: AppContext): string {
  return `${ctx.secret}:captcha`;
}

/**
 * A fresh ALTCHA proof-of-work challenge, valid for `captchaChallengeMinutes` by the service clock,
 * costing about `captchaMaxNumber / 2` SHA-256 hashes to solve.
 */
export async function newCaptchaChallenge(ctx: AppContext): Promise<Challenge> {
  const expires = new Date(ctx.clock.now().getTime() + ctx.policy.captchaChallengeMinutes * MINUTE_MS);
  return createChallenge({ hmacKey: captchaKey(ctx), maxNumber: ctx.policy.captchaMaxNumber, expires });
}

/** Whether the expiry signed into a challenge's salt has passed by the service clock; ours always carry one. */
function expiredAt(payload: object, now: Date): boolean {
  let expires: string | undefined;
  try {
    expires = extractParams(payload as Parameters<typeof extractParams>[0]).expires;
  } catch {
    return true; // a salt that is not text: the signature check would refuse it too
  }
  if (expires === undefined) return true;
  const at = Number.parseInt(expires, 10) * 1000;
  return Number.isNaN(at) || at < now.getTime();
}

export interface CheckedCaptcha {
  state: 'absent' | 'valid' | 'invalid';
  signature: string | null;
}

/** Checks a solved payload (base64 JSON from the widget, or the JSON itself): signature, expiry and work. */
export async function checkCaptcha(ctx: AppContext, payload: string | undefined): Promise<CheckedCaptcha> {
  if (payload === undefined || payload === '') return { state: 'absent', signature: null };
  let parsed: { signature?: unknown };
  try {
    const text = payload.trim().startsWith('{') ? payload : Buffer.from(payload, 'base64').toString('utf8');
    parsed = JSON.parse(text) as { signature?: unknown };
  } catch {
    return { state: 'invalid', signature: null };
  }
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.signature !== 'string') return { state: 'invalid', signature: null };
  // altcha-lib would check the expiry against the system clock; the service clock decides here.
  if (expiredAt(parsed, ctx.clock.now())) return { state: 'invalid', signature: null };
  const ok = await verifySolution(parsed as Parameters<typeof verifySolution>[0], captchaKey(ctx), false).catch(() => false);
  return ok ? { state: 'valid', signature: parsed.signature } : { state: 'invalid', signature: null };
}

/** Marks a solved challenge as used inside the send's transaction (kept here for the send's import). */
