import type { MemberProfile } from '../../../ui/api-types.js';
import { Link } from '../../../ui/router.js';

/** The groups a member is in, each a link to the group and its members. */
export function MemberGroups({ member, isSelf }: { member: MemberProfile; isSelf: boolean }) {
  return (
    <section className="panel" aria-labelledby="groups-title" data-testid="profile-groups">
      <h2 id="groups-title">Groups</h2>
      {member.groups.length === 0 ? (
        <p className="muted">
          {isSelf ? (
            <>
              You are in no groups yet. <Link to="/groups">Find a group</Link>
            </>
          ) : (
            'In no groups yet.'
          )}
        </p>
      ) : (
        <ul className="chips">
          {member.groups.map((group) => (
            <li key={group.id} className="chip">
              <Link to={`/groups/${group.id}`}>{group.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
