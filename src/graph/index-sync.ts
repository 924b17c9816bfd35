import { sql } from 'kysely';
import { preparedAs, type Db } from '../db/database.js';
import { GraphIndex } from './graph-index.js';
import { GraphIndexBuilder } from './graph-index-builder.js';

/**
 * Keeping each process's graph index in step with the database.
 *
 * Build: the members, then the `connections` rows in primary-key order, read in keyset batches.
 * Before reading, the build notes the oldest transaction still running (the snapshot's xmin, the
 * "floor"). Every change committed after that point was made by a transaction at or above the floor.
 *
 * Sync: `connection.created` / `connection.removed` events, written to the outbox in the transaction
 * of the change, carry that transaction's id (`outbox.xact_id`, migration 0002). Each poll reads, in
 * one statement and so one snapshot: the new floor, and every event at or above the old floor with
 * whether its pair is connected *in that same snapshot*. The index is set to that state — not
 * replayed from the topic — so events may be seen in any order, twice, or after a later change to
 * the same pair, and the index still converges on what is committed. Events already applied are
 * remembered until the floor passes them.
 *
 * Why not "events with id > last seen id": ids are handed out at insert, not at commit, so a
 * transaction can commit id 50 after id 51 was read; such an event would be lost. The transaction
 * id test cannot lose one: a transaction below the floor has finished, so its events were visible
 * to the poll that moved the floor past it.
 */

export interface BuildProgress {
  phase: 'members' | 'connections';
  done: number;
  total: number;
}

export interface BuildOptions {
  batchSize?: number;
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuiltIndex {
  index: GraphIndex;
  /** The snapshot floor before the build read anything: sync starts from it. */
  floor: string;
  millis: number;
}

/** The oldest transaction still running, as an xid8 in text. */
async function snapshotFloor(db: Db): Promise<string> {
  const result = await sql<{ floor: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as floor`.execute(db);
  return result.rows[0]!.floor;
}

/** Builds a graph index from the database, in batches. */
export async function createGraphIndex(db: Db, options: BuildOptions = {}): Promise<BuiltIndex> {
  const started = performance.now();
  const batch = options.batchSize ?? 100_000;
  const floor = await snapshotFloor(db);

  let ids = new Float64Array(1024);
  let companies = new Uint8Array(1024);
  let members = 0;
  let expectedEdges = 0;
  const totals = await sql<{ members: number; edges: number }>`
    select count(*)::float8 as members, coalesce(sum(connection_count), 0)::float8 as edges from members`.execute(db);
  const totalMembers = Number(totals.rows[0]?.members ?? 0);
  for (let last = 0; ; ) {
    const rows = await sql<{ id: number; company: boolean; n: number }>`
      select id, kind = 'company' as company, connection_count as n from members where id > ${last} order by id limit ${batch}`.execute(db);
    if (members + rows.rows.length > ids.length) {
      const capacity = Math.max(members + rows.rows.length, ids.length * 2);
      const grownIds = new Float64Array(capacity);
      grownIds.set(ids);
      ids = grownIds;
      const grownCompanies = new Uint8Array(capacity);
      grownCompanies.set(companies);
      companies = grownCompanies;
    }
    for (const row of rows.rows) {
      ids[members] = Number(row.id);
      companies[members] = row.company ? 1 : 0;
      expectedEdges += Number(row.n);
      members++;
    }
    options.onProgress?.({ phase: 'members', done: members, total: Math.max(totalMembers, members) });
    if (rows.rows.length < batch) break;
    last = Number(rows.rows[rows.rows.length - 1]!.id);
  }

  const builder = new GraphIndexBuilder(ids.slice(0, members), companies.slice(0, members), expectedEdges);
  let read = 0;
  for (let lastMember = 0, lastOther = 0; ; ) {
    const rows = await sql<{ m: number; o: number }>`
      select member_id as m, other_id as o from connections
      where (member_id, other_id) > (${lastMember}, ${lastOther})
      order by member_id, other_id limit ${batch}`.execute(db);
    for (const row of rows.rows) builder.add(Number(row.m), Number(row.o));
    read += rows.rows.length;
    options.onProgress?.({ phase: 'connections', done: read, total: Math.max(expectedEdges, read) });
    if (rows.rows.length < batch) break;
    const last = rows.rows[rows.rows.length - 1]!;
    lastMember = Number(last.m);
    lastOther = Number(last.o);
  }
  return { index: builder.finish(), floor, millis: performance.now() - started };
}

export interface SyncOptions {
  /** How often to look for new events (default 200 ms). */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
  /**
   * Background upkeep (default on): merge the overlay into the CSR when it grows, and rebuild the
   * landmark sketch after a connection is removed.
   */
  compact?: boolean;
}

export interface SyncStats {
  polls: number;
  eventsApplied: number;
  changes: number;
  lastPollAt: number | null;
  floor: string;
  remembered: number;
}

const TOPICS = sql.raw(`('connection.created', 'connection.removed')`);

/** Applies committed connection changes to an index, by polling the outbox. */
export class GraphSync {
  private floor: string;
  /** Events at or above the floor already applied: outbox id → transaction id. */
  private readonly applied = new Map<number, bigint>();
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly stats_ = { polls: 0, eventsApplied: 0, changes: 0, lastPollAt: null as number | null };
  /** Graph changes this process committed, and how many of them the last finished poll saw. */
  private localWrites = 0;
  private localWritesSeen = 0;

  constructor(
    private readonly db: Db,
    readonly index: GraphIndex,
    floor: string,
    private readonly options: SyncOptions = {},
  ) {
    this.floor = floor;
  }

  /** Polls every `pollIntervalMs` until stopped. */
  start(): void {
    const interval = this.options.pollIntervalMs ?? 200;
    const tick = () => {
      this.timer = null;
      if (this.stopped) return;
      this.catchUp()
        .catch((error) => this.options.onError?.(error))
        .finally(() => {
          if (!this.stopped) {
            this.timer = setTimeout(tick, interval);
            this.timer.unref();
          }
        });
    };
    this.timer = setTimeout(tick, interval);
    this.timer.unref();
  }

  /**
   * Resolves once a poll that started after this call has been applied: the index then reflects
   * every change committed before the call (read-your-writes). Concurrent callers share one poll,
   * so a burst of requests costs one small query, not one each.
   */
  catchUp(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.queued) return this.queued;
    const next = this.tail
      .catch(() => {})
      .then(() => {
        // From here on, a new caller may have committed after this poll's snapshot: queue another.
        if (this.queued === next) this.queued = null;
        return this.pollOnce();
      });
    this.queued = next;
    this.tail = next;
    return next;
  }

  /** This process committed a graph change: the next `isFresh` read polls first (read-your-writes). */
  noteLocalWrite(): void {
    this.localWrites++;
  }

  /**
   * Is the index good enough for a screen without polling? Yes when a poll finished less than
   * `maxAgeMs` ago and no graph change was committed by this process since that poll started.
   * Changes from other processes then show within `maxAgeMs` plus one poll.
   */
  isFresh(maxAgeMs: number): boolean {
    const last = this.stats_.lastPollAt;
    return !this.stopped && last !== null && this.localWritesSeen === this.localWrites && Date.now() - last < maxAgeMs;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tail.catch(() => {});
  }

  stats(): SyncStats {
    return { ...this.stats_, floor: this.floor, remembered: this.applied.size };
  }

  private async pollOnce(): Promise<void> {
    if (this.stopped) return;
    const localWrites = this.localWrites;
    const result = await graphPollQuery(this.floor).execute(this.db);
    this.stats_.polls++;
    const rows = result.rows;
    if (rows.length === 0) return;
    for (const row of rows) {
      if (row.id === null || row.xact === null) continue;
      const id = Number(row.id);
      if (this.applied.has(id)) continue;
      this.applied.set(id, BigInt(row.xact));
      const a = Number(row.a);
      const b = Number(row.b);
      if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) continue;
      this.stats_.eventsApplied++;
      if (row.companies) for (const company of row.companies.split(',')) this.index.addMember(Number(company), true);
      if (this.index.setConnected(a, b, row.connected === true)) this.stats_.changes++;
    }
    this.floor = rows[0]!.floor;
    const floor = BigInt(this.floor);
    for (const [id, xact] of this.applied) if (xact < floor) this.applied.delete(id);
    this.stats_.lastPollAt = Date.now();
    this.localWritesSeen = Math.max(this.localWritesSeen, localWrites);
    if (this.options.compact !== false && this.index.wantsCompaction) {
      this.index.compact().catch((error) => this.options.onError?.(error));
    }
    if (this.options.compact !== false && this.index.wantsSketch) {
      this.index.refreshSketch().catch((error) => this.options.onError?.(error));
    }
  }
}

type GraphPollRow = { floor: string; id: number | null; xact: string | null; a: string | null; b: string | null; connected: boolean | null; companies: string | null };

/**
 * The poll of `GraphSync`: the connection changes committed from `floor` on, each with
 * whether the two are connected now and which of them are company pages (a member the index meets
 * for the first time must be flagged if it is one: companies are never suggested).
 *
 * `offset 0` keeps the `exists` a lookup per change. Without it PostgreSQL may plan it as a hashed
 * subplan, which reads every connection to build its hash table — it did, once the outbox held a few
 * thousand connection changes: 40 ms a poll on 100,000 connections, every 200 ms in every process,
 * for a poll that usually finds nothing. With it: 0.1–0.3 ms.
 */
export function graphPollQuery(floor: string) {
  return sql<GraphPollRow>`${sql.raw(preparedAs('graph-poll'))}
      select s.floor::text as floor, o.id, o.xact_id::text as xact, o.payload->>'a' as a, o.payload->>'b' as b,
        exists (select 1 from connections c
                where c.member_id = (o.payload->>'a')::bigint and c.other_id = (o.payload->>'b')::bigint
                offset 0) as connected,
        (select string_agg(m.id::text, ',') from members m
          where m.id in ((o.payload->>'a')::bigint, (o.payload->>'b')::bigint) and m.kind = 'company') as companies
      from (select pg_snapshot_xmin(pg_current_snapshot()) as floor) s
      left join outbox o on o.xact_id >= ${floor}::xid8 and o.topic in ${TOPICS}
      order by o.id`;
}
