import { Link } from '../../../ui/router.js';
import type { NetworkCounts } from '../api/network-counts.js';
import './network.css';

const ENTRIES: Array<{ to: string; label: string; count?: keyof NetworkCounts; testid: string }> = [
  { to: '/', label: 'Invitations received', count: 'pendingReceived', testid: 'manage-received' },
  { to: '/sent', label: 'Sent', count: 'pendingSent', testid: 'manage-sent' },
  { to: '/connections', label: 'Connections', count: 'connections', testid: 'manage-connections' },
  { to: '/contacts', label: 'Contacts', testid: 'manage-contacts' },
  { to: '/groups', label: 'Groups', testid: 'manage-groups' },
];

/** "Manage my network": the lists of My Network, each with its total. */
export function ManageNetwork({ counts }: { counts: NetworkCounts | null }) {
  return (
    <nav className="panel manage-network" aria-labelledby="manage-network-title" data-testid="manage-network">
      <h2 id="manage-network-title">Manage my network</h2>
      <ul>
        {ENTRIES.map((entry) => (
          <li key={entry.to}>
            <Link to={entry.to} data-testid={entry.testid}>
              <span>{entry.label}</span>
              {entry.count ? <span className="manage-count" data-testid={`${entry.testid}-count`}>{counts ? counts[entry.count] : '…'}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
