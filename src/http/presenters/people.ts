import type { PersonInGraph } from '../../use-cases/people-with-degrees.js';
import type { GroupListing } from '../../db/repositories/groups.js';
import { toId } from '../schemas/common.js';
import { presentMemberSummary } from './members.js';

export function presentPersonInGraph(person: PersonInGraph) {
  return { ...presentMemberSummary(person.member), mutualConnections: person.mutualConnections, degree: person.degree };
}

export function presentGroupListing(group: GroupListing) {
  return { id: toId(group.id), name: group.name, memberCount: group.memberCount, joined: group.joined };
}
