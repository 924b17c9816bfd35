import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../database.js';
import { blockedEitherWay } from './blocks.js';
import type { DB, MemberRow } from '../schema.js';
import { containsPattern } from './like-pattern.js';

/** What people search by: text, and filters that each narrow it. */
export interface MemberSearchFilters {
  q?: string;
  company?: string;
  title?: string;
  school?: string;
  location?: string;
  /** A group's id, or text its name contains. */
  group?: string;
  /** Text one of their skills contains. */
  skill?: string;
}

/** Whether the matches must be the viewer's connections (`true`), must not be (`false`), or either. */
export type ConnectedFilter = boolean | null;


/** Members matching the search text and filters, best first: not the viewer, none blocked either way. */
function memberSearchQuery(db: Executor, viewerId: number, filters: MemberSearchFilters, connected: ConnectedFilter) {
  let query = db
    .selectFrom('members')
    .selectAll()
    .where('id', '!=', viewerId)
    .where(sql<boolean>`not ${blockedEitherWay(viewerId, sql.ref('members.id'))}`);
  const { company, title, school, location, group, skill } = filters;
  if (company) query = query.where((eb) => eb.exists(eb.selectFrom('positions').select('positions.id').whereRef('positions.member_id', '=', 'members.id').where(sql<boolean>`lower(positions.company) like ${containsPattern(company.toLowerCase())}`)));
  if (title) query = query.where((eb) => eb.exists(eb.selectFrom('positions').select('positions.id').whereRef('positions.member_id', '=', 'members.id').where(sql<boolean>`lower(positions.title) like ${containsPattern(title.toLowerCase())}`)));
  if (school) query = query.where((eb) => eb.exists(eb.selectFrom('education').select('education.id').whereRef('education.member_id', '=', 'members.id').where(sql<boolean>`lower(education.school) like ${containsPattern(school.toLowerCase())}`)));
  if (skill) query = query.where((eb) => eb.exists(eb.selectFrom('member_skills').select('member_skills.member_id').whereRef('member_skills.member_id', '=', 'members.id').where(sql<boolean>`lower(member_skills.skill) like ${containsPattern(skill.toLowerCase())}`)));
  if (location) query = query.where(sql<boolean>`lower(members.location) like ${containsPattern(location.toLowerCase())}`);
  if (group) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_memberships')
          .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
          .select('group_memberships.group_id')
          .whereRef('group_memberships.member_id', '=', 'members.id')
          .where(/^[1-9][0-9]{0,14}$/.test(group) ? sql<boolean>`groups.id = ${Number(group)}` : sql<boolean>`lower(groups.name) like ${containsPattern(group.toLowerCase())}`),
      ),
    );
  }
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    query = query
      .where(sql<boolean>`search_text like ${containsPattern(needle.toLowerCase())}`)
      .orderBy(sql`similarity(lower(name), ${needle})`, 'desc')
      .orderBy('connection_count', 'desc');
  } else {
    query = query.orderBy('connection_count', 'desc');
  }
  // 1st degree is a join on the viewer's connections; so is leaving it out.
  const connectedToViewer = (eb: ExpressionBuilder<DB, 'members'>) =>
    eb.exists(eb.selectFrom('connections').select('connections.member_id').where('connections.member_id', '=', viewerId).whereRef('connections.other_id', '=', 'members.id'));
  if (connected === true) query = query.where(connectedToViewer);
  else if (connected === false) query = query.where((eb) => eb.not(connectedToViewer(eb)));
  return query.orderBy('id');
}

/** The matches from position `offset` on, at most `limit` of them, in search order. */
export async function findMemberSearchMatches(
  db: Executor,
  viewerId: number,
  filters: MemberSearchFilters,
  connected: ConnectedFilter,
  limit: number,
  offset: number,
): Promise<MemberRow[]> {
  return memberSearchQuery(db, viewerId, filters, connected).limit(limit).offset(offset).execute();
}
