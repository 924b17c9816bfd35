import type { MemberProfile } from '../../../ui/api-types.js';
import { CompanyPeople } from './company-people.js';
import { MemberGroups } from './member-groups.js';

/** Where a member belongs: a person's groups; a company page's people. */
export function ProfileCommunities({ member, isSelf }: { member: MemberProfile; isSelf: boolean }) {
  return member.kind === 'company' ? <CompanyPeople company={member} /> : <MemberGroups member={member} isSelf={isSelf} />;
}
