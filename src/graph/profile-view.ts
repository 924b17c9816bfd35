import { sql } from 'kysely';
import { preparedAs, type Executor } from '../db/database.js';
import { followStateColumns, followStateFrom, type FollowStateColumns } from '../db/repositories/follows.js';
import { parsedJson, profilePartsColumns, profilePartsFrom, type Json, type ProfileParts, type ProfilePartsColumns } from '../db/repositories/profiles.js';
import { inCommonFrom, inCommonRows, NOTHING_IN_COMMON, type InCommon, type InCommonRow } from './in-common.js';

export interface ProfileView {
  parts: ProfileParts;
  follow: { following: boolean; followPrimary: boolean };
  inCommon: InCommon;
}

/** The statement of `loadProfileView` (also EXPLAINed by the HTTP benchmark). */
export function profileViewQuery(viewerId: number, memberId: number) {
  return sql<ProfilePartsColumns & FollowStateColumns & { in_common: Json<InCommonRow[]> }>`${sql.raw(preparedAs('profile-view'))}
    select ${profilePartsColumns(memberId)},
      ${followStateColumns(viewerId, memberId)},
      (select coalesce(json_agg(shared), '[]'::json) from (${inCommonRows(viewerId, memberId)}) shared) as in_common`;
}

/**
 * What a profile shows besides the member's row and the send rule: their positions, education,
 * groups and skills, whether the viewer follows them, and what the two have in common. One
 * statement, where it was three: each round trip to PostgreSQL costs more than the work it asks
 * for (a direct profile run answered about 1,220 req/s with three, 1,380–1,510 with one).
 */
export async function loadProfileView(db: Executor, viewerId: number, memberId: number, currentYear: number): Promise<ProfileView> {
  const { rows } = await profileViewQuery(viewerId, memberId).execute(db);
  const row = rows[0]!;
  return {
    parts: profilePartsFrom(row),
    follow: followStateFrom(row, viewerId, memberId),
    inCommon: viewerId === memberId ? NOTHING_IN_COMMON : inCommonFrom(parsedJson(row.in_common), currentYear),
  };
}
