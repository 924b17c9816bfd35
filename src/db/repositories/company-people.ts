import { sql } from 'kysely';
import type { Executor } from '../database.js';
import { blockedEitherWay } from './blocks.js';
import type { MemberRow } from '../schema.js';

/**
 * People whose current position (no end year) names the company, matched case-insensitively on the
 * whole name through `positions_company`; none the viewer is blocked from either way. Best
 * connected first, from position `offset`, at most `limit`.
 */
export async function findCompanyPeople(db: Executor, viewerId: number, companyName: string, limit: number, offset: number): Promise<MemberRow[]> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('members.kind', '=', 'person')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('positions')
          .select('positions.id')
          .whereRef('positions.member_id', '=', 'members.id')
          .where('positions.end_year', 'is', null)
          .where(sql<boolean>`lower(positions.company) = ${companyName.trim().toLowerCase()}`),
      ),
    )
    .where(sql<boolean>`not ${blockedEitherWay(viewerId, sql.ref('members.id'))}`)
    .orderBy('members.connection_count', 'desc')
    .orderBy('members.id')
    .limit(limit)
    .offset(offset)
    .execute();
}
