import { sql, type Kysely, type RawBuilder } from 'kysely';
import { OPEN_STATUSES } from '../domain/invitation-state.js';
import type { Executor } from '../db/database.js';
import { statusListSql } from '../db/repositories/invitations.js';
import type { DB } from '../db/schema.js';

/** The table `0002-graph` adds, seen by Kysely (src/db/schema.ts does not list it). */
export interface SuggestionDismissalsTable {
  member_id: number;
  dismissed_id: number;
  created_at: Date;
}

export interface GraphDB extends DB {
  suggestion_dismissals: SuggestionDismissalsTable;
}

export function graphDb(db: Executor): Kysely<GraphDB> {
  return db as unknown as Kysely<GraphDB>;
}

/** Invitation states that keep a pair out of each other's suggestions, whoever sent it: open, or closed for good. */
const CLOSED_OR_OPEN = statusListSql([...OPEN_STATUSES, 'declined', 'reported']);

/**
 * Ids of the members never suggested to `viewer`: blocked either way, an invitation between them
 * either way that is open (pending, or silently ignored) or was declined or reported, or one the
 * viewer dismissed. One query; the same set the SQL oracle excludes.
 */
export function suggestionExclusionsSql(viewer: number): RawBuilder<{ id: number }> {
  return sql<{ id: number }>`
    select recipient_id as id from invitations
      where sender_id = ${viewer} and recipient_id is not null and status in ${CLOSED_OR_OPEN}
    union select sender_id from invitations
      where recipient_id = ${viewer} and status in ${CLOSED_OR_OPEN}
    union select blocked_id from blocks where blocker_id = ${viewer}
    union select blocker_id from blocks where blocked_id = ${viewer}
    union select dismissed_id from suggestion_dismissals where member_id = ${viewer}`;
}

export async function loadSuggestionExclusions(db: Executor, viewer: number): Promise<number[]> {
  const result = await suggestionExclusionsSql(viewer).execute(db);
  return result.rows.map((row) => Number(row.id));
}

/** "Not interested": the member is not suggested to the viewer again. Idempotent. */
export async function dismissSuggestion(db: Executor, viewer: number, dismissed: number, now: Date): Promise<void> {
  await graphDb(db)
    .insertInto('suggestion_dismissals')
    .values({ member_id: viewer, dismissed_id: dismissed, created_at: now })
    .onConflict((oc) => oc.columns(['member_id', 'dismissed_id']).doNothing())
    .execute();
}
