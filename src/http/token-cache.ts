import type { TokenOwner } from '../db/repositories/tokens.js';

/** How long a looked-up token is trusted without asking the database again: the cross-process revocation bound. */
export const TOKEN_CACHE_TTL_MS = 5_000;
/** A token still in use this long after its lookup is looked up again in the background. */
export const TOKEN_REFRESH_AFTER_MS = 3_000;
/** Background lookups wait this long to be asked together, in one statement. */
export const TOKEN_REFRESH_BATCH_MS = 200;
/** Tokens looked up per statement. */
export const TOKEN_REFRESH_BATCH_MAX = 500;
const CACHE_MAX = 50_000;

/** Looks up several tokens at once: the owners of the live ones, keyed by hash. */
export type LookupTokens = (hashes: string[]) => Promise<Map<string, TokenOwner>>;

export interface TokenCacheTiming {
  ttlMs?: number;
  refreshAfterMs?: number;
  batchMs?: number;
  now?: () => number;
}

/**
 * Remembers recently seen tokens so that authenticating a request costs no database round trip on
 * the hot path: a token in use is looked up again in the background `TOKEN_REFRESH_AFTER_MS` after
 * its last lookup, so a busy client never waits on one. The background lookups of a process are
 * gathered for `TOKEN_REFRESH_BATCH_MS` and made together, up to `TOKEN_REFRESH_BATCH_MAX` a
 * statement: a process serving 10,000 active members asks about their tokens in about ten
 * statements a second, not 3,300. Revocation: a logout in this process forgets the token at once
 * (and a lookup that was in flight cannot bring it back); a logout in another process, or a token
 * revoked in the database, stops working here within `TOKEN_CACHE_TTL_MS`.
 */
export class TokenCache {
  private entries = new Map<string, { owner: TokenOwner; until: number; refreshAt: number }>();
  /** Tokens forgotten here, with when the tombstone may go: a lookup begun before cannot re-add them. */
  private forgotten = new Map<string, number>();
  /** Tokens waiting for, or in, a background lookup. */
  private refreshing = new Set<string>();
  private queued: string[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly ttlMs: number;
  private readonly refreshAfterMs: number;
  private readonly batchMs: number;
  private readonly now: () => number;

  constructor(
    private readonly lookup: LookupTokens,
    timing: TokenCacheTiming = {},
  ) {
    this.ttlMs = timing.ttlMs ?? TOKEN_CACHE_TTL_MS;
    this.refreshAfterMs = timing.refreshAfterMs ?? TOKEN_REFRESH_AFTER_MS;
    this.batchMs = timing.batchMs ?? TOKEN_REFRESH_BATCH_MS;
    this.now = timing.now ?? Date.now;
  }

  /** The owner of a remembered token; one due for a fresh lookup is queued for the next background batch. */
  get(hash: string): TokenOwner | undefined {
    const nowMs = this.now();
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until < nowMs) {
      this.entries.delete(hash);
      return undefined;
    }
    if (entry.refreshAt <= nowMs) this.queueRefresh(hash);
    return entry.owner;
  }

  /** Looks a token up now (the request waits) and remembers what it finds. */
  async lookUpNow(hash: string): Promise<TokenOwner | undefined> {
    const started = this.now();
    const owner = (await this.lookup([hash])).get(hash);
    if (owner) this.set(hash, owner, started);
    return owner;
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

  forget(hash: string): void {
    const nowMs = this.now();
    this.entries.delete(hash);
    if (this.forgotten.size >= CACHE_MAX) this.forgotten.clear();
    // A lookup that started before now answers from before the revocation: refuse it.
    this.forgotten.set(hash, nowMs + this.ttlMs + 1);
  }

  /** Runs the queued background lookups now rather than at the end of the batch window (the timer calls it too). */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0, TOKEN_REFRESH_BATCH_MAX);
      const started = this.now();
      try {
        const found = await this.lookup(batch);
        for (const hash of batch) {
          const owner = found.get(hash);
          if (owner) this.set(hash, owner, started);
          else this.entries.delete(hash);
        }
      } catch {
        // The entries stay until their TTL; the next request past it looks up in line.
      } finally {
        for (const hash of batch) this.refreshing.delete(hash);
      }
    }
  }

  private queueRefresh(hash: string): void {
    if (this.refreshing.has(hash)) return;
    this.refreshing.add(hash);
    this.queued.push(hash);
    this.flushTimer ??= setTimeout(() => void this.flush(), this.batchMs).unref();
  }
}
