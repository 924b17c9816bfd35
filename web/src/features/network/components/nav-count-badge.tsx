import { useNetworkCounts } from '../api/network-counts.js';
import { plural } from '../../../ui/format.js';
import './network.css';

/**
 * The pending-invitations count beside "My Network" in the top bar. Hidden from the link's name (tests
 * and screen readers find the link by "My Network"); told to screen readers as the link's description.
 */
export function NavCountBadge({ path, account, id }: { path: string; account: unknown; id: string }) {
  const counts = useNetworkCounts(path, account);
  const pending = counts?.pendingReceived ?? 0;
  return (
    <>
      {pending > 0 ? (
        <span className="nav-badge" aria-hidden="true" data-testid="nav-pending-count">
          {pending > 99 ? '99+' : pending}
        </span>
      ) : null}
      {/* Always there, so the link's aria-describedby never points at nothing. */}
      <span id={id} hidden>
        {counts ? plural(pending, 'pending invitation') : ''}
      </span>
    </>
  );
}
