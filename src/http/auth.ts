import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { findLiveToken, hashToken, type IssuedToken, type TokenOwner } from '../db/repositories/tokens.js';

export interface Actor {
  memberId: number;
  role: 'member' | 'admin';
  tokenHash: string;
  via: 'bearer' | 'cookie';
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE_SECURE = '__Host-rapport_session';
export const SESSION_COOKIE_PLAIN = 'rapport_session';
export const CSRF_COOKIE = 'rapport_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** How long a looked-up token is trusted without asking the database again: the cross-process revocation bound. */
export const TOKEN_CACHE_TTL_MS = 5_000;
/** A token still in use this long after its lookup is looked up again in the background. */
export const TOKEN_REFRESH_AFTER_MS = 3_000;
const CACHE_MAX = 50_000;

/**
 * Remembers recently seen tokens so that authenticating a request costs no database round trip on
 * the hot path: a token in use is looked up again in the background `TOKEN_REFRESH_AFTER_MS` after
 * its last lookup, so a busy client never waits on one. Revocation: a logout in this process
 * forgets the token at once (and a lookup that was in flight cannot bring it back); a logout in
 * another process, or a token revoked in the database, stops working here within
 * `TOKEN_CACHE_TTL_MS`.
 */
export class TokenCache {
  private entries = new Map<string, { owner: TokenOwner; until: number; refreshAt: number }>();
  /** Tokens forgotten here, with when the tombstone may go: a lookup begun before cannot re-add them. */
  private forgotten = new Map<string, number>();
  private refreshing = new Set<string>();

  constructor(
    private readonly ttlMs = TOKEN_CACHE_TTL_MS,
    private readonly refreshAfterMs = TOKEN_REFRESH_AFTER_MS,
  ) {}

  /** The owner of a remembered token, and whether it is due for a background lookup. */
  get(hash: string, nowMs: number): { owner: TokenOwner; refresh: boolean } | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until < nowMs) {
      this.entries.delete(hash);
      return undefined;
    }
    return { owner: entry.owner, refresh: entry.refreshAt <= nowMs && !this.refreshing.has(hash) };
  }

  /** Remembers a token looked up at `lookedUpAtMs` (unless it was forgotten since). */
  set(hash: string, owner: TokenOwner, lookedUpAtMs: number): void {
    const tombstone = this.forgotten.get(hash);
    if (tombstone !== undefined) {
      if (tombstone > lookedUpAtMs) return;
      this.forgotten.delete(hash);
    }
    if (this.entries.size >= CACHE_MAX) this.entries.clear();
    this.entries.set(hash, { owner, until: lookedUpAtMs + this.ttlMs, refreshAt: lookedUpAtMs + this.refreshAfterMs });
  }

  forget(hash: string, nowMs = Date.now()): void {
    this.entries.delete(hash);
    if (this.forgotten.size >= CACHE_MAX) this.forgotten.clear();
    // A lookup that started before now answers from before the revocation: refuse it.
    this.forgotten.set(hash, nowMs + this.ttlMs + 1);
  }

  /** Runs `lookup` for a token in the background, one at a time per token, and keeps what it finds. */
  refresh(hash: string, lookup: () => Promise<TokenOwner | undefined>, nowMs: () => number): void {
    if (this.refreshing.has(hash)) return;
    this.refreshing.add(hash);
    const started = nowMs();
    lookup()
      .then((owner) => {
        if (owner) this.set(hash, owner, started);
        else this.entries.delete(hash);
      })
      .catch(() => {}) // the entry stays until its TTL; the next request past it looks up in line
      .finally(() => this.refreshing.delete(hash));
  }
}

function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

function tokenFrom(request: FastifyRequest): { token: string; via: Actor['via'] } | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) throw new DomainError('unauthorized', 'The Authorization header must be "Bearer <token>".');
    return { token: match[1]!, via: 'bearer' };
  }
  const cookie = request.cookies[SESSION_COOKIE_SECURE] ?? request.cookies[SESSION_COOKIE_PLAIN];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** Resolves the member behind each request (bearer token or session cookie) and checks CSRF on cookie writes. */
export function registerAuth(app: FastifyInstance, ctx: AppContext, cache = new TokenCache()): { forget(hash: string): void } {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = null;
    const found = tokenFrom(request);
    if (!found) return;
    const tokenHash = hashToken(found.token);
    const nowMs = Date.now();
    const cached = cache.get(tokenHash, nowMs);
    let owner = cached?.owner;
    if (cached?.refresh) cache.refresh(tokenHash, () => findLiveToken(ctx.db, tokenHash, ctx.clock.now()), Date.now);
    if (!owner) {
      owner = await findLiveToken(ctx.db, tokenHash, ctx.clock.now());
      if (!owner) {
        if (found.via === 'bearer') throw new DomainError('unauthorized', 'The access token is not valid or has expired.');
        return; // a stale cookie is simply no session
      }
      cache.set(tokenHash, owner, nowMs);
    }
    if (owner.expiresAt <= ctx.clock.now()) {
      cache.forget(tokenHash);
      throw new DomainError('unauthorized', 'The session has expired; sign in again.');
    }
    if (found.via !== (owner.kind === 'session' ? 'cookie' : 'bearer')) {
      throw new DomainError('unauthorized', 'This credential cannot be used this way.');
    }
    if (found.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      if (!owner.csrfToken || request.headers[CSRF_HEADER] !== owner.csrfToken) {
        throw new DomainError('csrf_failed', `A request signed in with a cookie must carry the ${CSRF_HEADER} header.`);
      }
    }
    request.actor = { memberId: owner.memberId, role: owner.role, tokenHash, via: found.via };
  });
  return { forget: (hash) => cache.forget(hash) };
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthorized', 'Sign in to do this.');
  return request.actor;
}

export function requireAdmin(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (actor.role !== 'admin') throw new DomainError('forbidden', 'Only an administrator can do this.');
  return actor;
}

/** Puts a web session in cookies: the session itself HttpOnly, the CSRF token readable by the app. */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, issued: IssuedToken): void {
  const secure = isSecure(request);
  const common = { path: '/', sameSite: 'lax' as const, secure, expires: issued.expiresAt };
  reply.setCookie(secure ? SESSION_COOKIE_SECURE : SESSION_COOKIE_PLAIN, issued.token, { ...common, httpOnly: true });
  if (issued.csrfToken) reply.setCookie(CSRF_COOKIE, issued.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const secure = isSecure(request);
  reply.clearCookie(secure ? SESSION_COOKIE_SECURE : SESSION_COOKIE_PLAIN, { path: '/', secure, httpOnly: true, sameSite: 'lax' });
  reply.clearCookie(CSRF_COOKIE, { path: '/', secure, sameSite: 'lax' });
}
