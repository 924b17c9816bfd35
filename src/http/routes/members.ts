import type { FastifyInstance } from 'fastify';
import { sql, type ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import { statusForSender } from '../../domain/sender-view.js';
import { findMemberSummaries } from '../../db/repositories/members.js';
import type { Db } from '../../db/database.js';
import type { DB, MemberRow } from '../../db/schema.js';
import { graphReader } from '../../graph/graph-reads.js';
import type { Degree } from '../../graph/sql-graph.js';
import { findVisibleMember, viewMember } from '../../use-cases/view-member.js';
import { requireActor, viewerOf } from '../auth.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../cursor.js';
import { presentMemberProfile, presentMemberSummary } from '../presenters/members.js';
import { fromId, idParams, listOf, listQuery, problemSchema, singleLine, toId } from '../schemas/common.js';
import { inCommonSchema, memberProfileSchema, memberSummarySchema, relationshipSchema, searchQuery } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

export function memberRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['members'];

  api.get(
    '/members/:id',
    {
      schema: {
        tags,
        summary: 'A profile, with your degree, mutual connections, the invitation between you, whether you may invite or follow, and what you have in common',
        params: idParams,
        response: { 200: z.object({ member: memberProfileSchema, relationship: relationshipSchema, inCommon: inCommonSchema }), 404: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { member, parts, relationship, inCommon } = await viewMember(ctx, viewerOf(actor), fromId(request.params.id));
      const invitation = relationship.invitation;
      return {
        member: presentMemberProfile(member, parts),
        relationship: {
          ...relationship,
          invitation: invitation
            ? {
                id: toId(invitation.invitation.id),
                direction: invitation.direction,
                status: invitation.direction === 'sent' ? statusForSender(invitation.invitation.status) : invitation.invitation.status,
              }
            : null,
        },
        inCommon: {
          mutualConnections: relationship.mutualConnections,
          companies: inCommon.companies,
          schools: inCommon.schools,
          groups: inCommon.groups.map((group) => ({ id: toId(group.id), name: group.name })),
          skills: inCommon.skills,
        },
      };
    },
  );

  api.get(
    '/members/:id/mutual-connections',
    { schema: { tags, summary: 'Connections you share with a member, best connected first', params: idParams, querystring: listQuery, response: { 200: listOf(memberSummarySchema) } } },
    async (request) => {
      const actor = requireActor(request);
      const member = await findVisibleMember(ctx, actor.memberId, fromId(request.params.id));
      const offset = decodeOffsetCursor(request.query.cursor);
      const ids = await (await graphReader(ctx)).mutualList(actor.memberId, member.id, request.query.limit + 1, offset);
      const page = ids.slice(0, request.query.limit);
      const members = new Map((await findMemberSummaries(ctx.db, page)).map((m) => [m.id, m]));
      return {
        items: page.flatMap((id) => (members.has(id) ? [presentMemberSummary(members.get(id)!)] : [])),
        nextCursor: ids.length > request.query.limit ? encodeOffsetCursor(offset + request.query.limit) : null,
      };
    },
  );

  api.get(
    '/members',
    {
      schema: {
        tags,
        summary: 'Search people by name, headline, company, title or school; filter by company, title, school, location, group and degree',
        querystring: memberSearchQuery,
        response: {
          200: listOf(
            memberSummarySchema.extend({
              mutualConnections: z.number().int(),
              degree: relationshipSchema.shape.degree,
            }),
          ),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit } = request.query;
      const offset = decodeOffsetCursor(request.query.cursor);
      const wanted = request.query.degree ? new Set(request.query.degree.split(',').map(Number)) : null;
      let query = searchMembers(ctx.db, actor.memberId, request.query);
      const graph = await graphReader(ctx);
      // 1st degree is a join on the viewer's connections; so is leaving it out.
      const connectedToViewer = (eb: ExpressionBuilder<DB, 'members'>) =>
        eb.exists(eb.selectFrom('connections').select('connections.member_id').where('connections.member_id', '=', actor.memberId).whereRef('connections.other_id', '=', 'members.id'));
      if (wanted?.has(1) && wanted.size === 1) query = query.where(connectedToViewer);
      else if (wanted && !wanted.has(1)) query = query.where((eb) => eb.not(connectedToViewer(eb)));

      let page: MemberRow[];
      let nextOffset: number | null;
      const degrees = new Map<number, Degree>();
      if (!wanted || (wanted.size === 1 && wanted.has(1))) {
        const rows = await query.limit(limit + 1).offset(offset).execute();
        page = rows.slice(0, limit);
        nextOffset = rows.length > limit ? offset + limit : null;
      } else {
        // 2nd and 3rd degree come from the graph: scan the matches in order and keep those at the
        // wanted degree, up to a bounded number of rows per request; the cursor is the scan position.
        const found: { row: MemberRow; next: number }[] = [];
        let position = offset;
        let exhausted = false;
        // Without an index each degree is a SQL query or three: scan less.
        const scanUntil = offset + (graph.source === 'index' ? MAX_SEARCH_SCAN : MAX_SEARCH_SCAN / 10);
        while (found.length <= limit && position < scanUntil) {
          const rows = await query.limit(SEARCH_SCAN_BATCH).offset(position).execute();
          for (const row of rows) {
            position++;
            const degree = await graph.degree(actor.memberId, row.id);
            if (!wanted.has(degree ?? 0)) continue;
            degrees.set(row.id, degree);
            found.push({ row, next: position });
            if (found.length > limit) break;
          }
          if (rows.length < SEARCH_SCAN_BATCH) {
            exhausted = found.length <= limit;
            break;
          }
        }
        page = found.slice(0, limit).map((f) => f.row);
        nextOffset = found.length > limit ? found[limit - 1]!.next : exhausted ? null : position;
      }
      const ids = page.map((m) => m.id);
      const mutuals = await graph.mutualCounts(actor.memberId, ids);
      for (const id of ids) if (!degrees.has(id)) degrees.set(id, await graph.degree(actor.memberId, id));
      return {
        items: page.map((m) => ({ ...presentMemberSummary(m), mutualConnections: mutuals.get(m.id) ?? 0, degree: degrees.get(m.id) ?? null })),
        nextCursor: nextOffset === null ? null : encodeOffsetCursor(nextOffset),
      };
    },
  );
}

/** Rows scanned at most per search request when filtering by 2nd or 3rd degree. */
const MAX_SEARCH_SCAN = 2000;
const SEARCH_SCAN_BATCH = 200;

const filterText = (what: string) => singleLine(120).pipe(z.string().min(1, 'must not be empty')).optional().describe(`${what} contains this (case-insensitive)`);

const memberSearchQuery = searchQuery.extend({
  company: filterText('a company they work or worked at'),
  title: filterText('a title they hold or held'),
  school: filterText('a school they attended'),
  location: filterText('their location'),
  group: singleLine(120).pipe(z.string().min(1, 'must not be empty')).optional().describe('a group they belong to: its id, or text its name contains'),
  degree: z
    .string()
    .regex(/^[123](,[123]){0,2}$/, 'must be 1, 2, 3 or a comma-separated list of them')
    .optional()
    .describe('degree of connection with you: "1", "2", "3" or a list such as "1,2"'),
});

function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Members matching the search text and filters, best first: not the viewer, none blocked either way. */
function searchMembers(db: Db, viewerId: number, filters: z.infer<typeof memberSearchQuery>) {
  let query = db
    .selectFrom('members')
    .selectAll()
    .where('id', '!=', viewerId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('blocks')
            .select('blocker_id')
            .where((eb) =>
              eb.or([
                eb.and([eb('blocker_id', '=', viewerId), eb('blocked_id', '=', eb.ref('members.id'))]),
                eb.and([eb('blocked_id', '=', viewerId), eb('blocker_id', '=', eb.ref('members.id'))]),
              ]),
            ),
        ),
      ),
    );
  const { company, title, school, location, group } = filters;
  if (company) query = query.where((eb) => eb.exists(eb.selectFrom('positions').select('positions.id').whereRef('positions.member_id', '=', 'members.id').where(sql<boolean>`lower(positions.company) like ${containsPattern(company)}`)));
  if (title) query = query.where((eb) => eb.exists(eb.selectFrom('positions').select('positions.id').whereRef('positions.member_id', '=', 'members.id').where(sql<boolean>`lower(positions.title) like ${containsPattern(title)}`)));
  if (school) query = query.where((eb) => eb.exists(eb.selectFrom('education').select('education.id').whereRef('education.member_id', '=', 'members.id').where(sql<boolean>`lower(education.school) like ${containsPattern(school)}`)));
  if (location) query = query.where(sql<boolean>`lower(members.location) like ${containsPattern(location)}`);
  if (group) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_memberships')
          .innerJoin('groups', 'groups.id', 'group_memberships.group_id')
          .select('group_memberships.group_id')
          .whereRef('group_memberships.member_id', '=', 'members.id')
          .where(/^[1-9][0-9]{0,14}$/.test(group) ? sql<boolean>`groups.id = ${Number(group)}` : sql<boolean>`lower(groups.name) like ${containsPattern(group)}`),
      ),
    );
  }
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    query = query
      .where(sql<boolean>`search_text like ${containsPattern(needle)}`)
      .orderBy(sql`similarity(lower(name), ${needle})`, 'desc')
      .orderBy('connection_count', 'desc');
  } else {
    query = query.orderBy('connection_count', 'desc');
  }
  return query.orderBy('id');
}
