import { useEffect, useState } from 'react';
import type { MemberSummary } from '../../../ui/api-types.js';
import { Link } from '../../../ui/router.js';
import { loadManager } from '../api/manager.js';

/** "Reports to …" on a profile, when the member has named their manager. */
export function ManagerLine({ managerId }: { managerId: string | null }) {
  const [manager, setManager] = useState<MemberSummary | null>(null);
  useEffect(() => {
    setManager(null);
    if (managerId === null) return;
    let live = true;
    loadManager(managerId)
      .then((member) => live && setManager(member))
      .catch(() => undefined); // a manager who blocked the viewer is simply not shown
    return () => {
      live = false;
    };
  }, [managerId]);
  if (!manager) return null;
  return (
    <p className="muted" data-testid="reports-to">
      Reports to <Link to={`/members/${manager.id}`}>{manager.name}</Link>
    </p>
  );
}
