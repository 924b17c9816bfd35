import type { MemberSummary } from './api-types.js';
import { DegreeBadge, MemberLine } from './components.js';
import { ConnectButton } from './connect/connect-button.js';
import { plural } from './format.js';
import { useSession } from './session.js';

/** A member in a list of people, as the API gives them (search, a group's members, a company's people). */
export type PersonInGraph = MemberSummary & { mutualConnections: number; degree: 1 | 2 | 3 | null };

/** One person as a card: who they are, your degree to them, the connections you share, and Connect. */
export function PersonCard({ person, testId = 'person' }: { person: PersonInGraph; testId?: string }) {
  const { account } = useSession();
  const self = person.id === account.member.id;
  return (
    <li className="card row" data-testid={testId} data-member-id={person.id}>
      <MemberLine
        member={person}
        extra={
          self ? null : (
            <div className="muted small">
              <DegreeBadge degree={person.degree} /> {plural(person.mutualConnections, 'mutual connection')}
            </div>
          )
        }
      />
      <div className="actions">
        <ConnectButton member={person} degree={person.degree} />
      </div>
    </li>
  );
}
