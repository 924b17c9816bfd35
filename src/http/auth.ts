import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { hashToken, type IssuedToken } from '../db/repositories/tokens.js';
import { findTokenOwners } from '../use-cases/authenticate.js';
import { TokenCache } from './token-cache.js';
import type { Viewer } from '../use-cases/view-member.js';

export interface Actor {
  memberId: number;
  role: 'member' | 'admin';
  /** The member's address, for reads that need its keyed hash (see `Viewer`). */
  email: string;
  tokenHash: string;
  via: 'bearer' | 'cookie';
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** The route is authorised by a signed link token alone (the mail pages): no session is read, so no CSRF check. */
    authorisedByLinkToken?: boolean;
  }
}

export const SESSION_COOKIE_SECURE = '__Host-rapport_session';
export const SESSION_COOKIE_PLAIN = 'rapport_session';
export const CSRF_COOKIE = 'rapport_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
export function registerAuth(app: FastifyInstance, ctx: AppContext): { forget(hash: string): void } {
  const cache = new TokenCache((hashes) => findTokenOwners(ctx, hashes));
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = null;
    if (request.routeOptions.config?.authorisedByLinkToken) return;
    const found = tokenFrom(request);
    if (!found) return;
    const tokenHash = hashToken(found.token);
    const owner = cache.get(tokenHash) ?? (await cache.lookUpNow(tokenHash));
    if (!owner) {
      if (found.via === 'bearer') throw new DomainError('unauthorized', 'The access token is not valid or has expired.');
      return; // a stale cookie is simply no session
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
    request.actor = { memberId: owner.memberId, role: owner.role, email: owner.email, tokenHash, via: found.via };
  });
  return { forget: (hash) => cache.forget(hash) };
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('unauthorized', 'Sign in to do this.');
  return request.actor;
}

/** The signed-in member as a profile reader (see `viewMember`). */
export function viewerOf(actor: Actor): Viewer {
  return { id: actor.memberId, email: actor.email };
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
