import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../database.js';

export type TokenKind = 'bearer' | 'session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 256 random bits; only the hash is stored, so a database leak gives no usable token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface IssuedToken {
  token: string;
  csrfToken: string | null;
  expiresAt: Date;
}

export async function issueToken(db: Executor, memberId: number, kind: TokenKind, now: Date, lifetimeMs: number): Promise<IssuedToken> {
  const token = newToken();
  const csrfToken = kind === 'session' ? newToken() : null;
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await db
    .insertInto('auth_tokens')
    .values({ token_hash: hashToken(token), member_id: memberId, kind, csrf_token: csrfToken, created_at: now, expires_at: expiresAt, revoked_at: null })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface TokenOwner {
  memberId: number;
  kind: TokenKind;
  csrfToken: string | null;
  expiresAt: Date;
  role: 'member' | 'admin';
  /** The owner's address (it never changes once signed up). */
  email: string;
}

/** The live tokens among `tokenHashes`, with their owners: one statement text whatever their number. */
export function liveTokensQuery(db: Executor, tokenHashes: readonly string[], now: Date) {
  return db
    .selectFrom('auth_tokens')
    .innerJoin('members', 'members.id', 'auth_tokens.member_id')
    .select(['auth_tokens.token_hash', 'auth_tokens.member_id', 'auth_tokens.kind', 'auth_tokens.csrf_token', 'auth_tokens.expires_at', 'members.role', 'members.email'])
    .where('auth_tokens.token_hash', '=', sql<string>`any(${sql.val(tokenHashes)}::text[])`)
    .where('auth_tokens.revoked_at', 'is', null)
    .where('auth_tokens.expires_at', '>', now);
}

export async function findLiveTokens(db: Executor, tokenHashes: readonly string[], now: Date): Promise<Map<string, TokenOwner>> {
  const rows = await liveTokensQuery(db, tokenHashes, now).execute();
  return new Map(rows.map((row) => [row.token_hash, { memberId: row.member_id, kind: row.kind, csrfToken: row.csrf_token, expiresAt: row.expires_at, role: row.role, email: row.email }]));
}

export async function revokeToken(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('auth_tokens').set({ revoked_at: now }).where('token_hash', '=', tokenHash).execute();
}
