import { useEffect } from 'react';
import type { AllotmentRequest } from '../../../ui/api-types.js';
import { LoadMore, Spinner } from '../../../ui/components.js';
import { formatDate, plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { listOwnRequests } from '../api/allotment-requests.js';

const STATUS: Record<AllotmentRequest['status'], { label: string; className: string }> = {
  pending: { label: 'Waiting', className: 'status-pending' },
  granted: { label: 'Granted', className: 'status-accepted' },
  denied: { label: 'Not granted', className: 'status-declined' },
};

/** What came of a request, in a sentence. */
function outcome(request: AllotmentRequest): string {
  if (request.status === 'pending') return `Sent on ${formatDate(request.createdAt)}. An administrator will answer it.`;
  if (request.status === 'granted') {
    const added = request.grantedCount === null ? 'More invitations were added' : `${plural(request.grantedCount, 'invitation')} added`;
    return `${added} on ${formatDate(request.decidedAt)}.`;
  }
  return `Not granted on ${formatDate(request.decidedAt)}. You can ask again later.`;
}

/**
 * The member's own requests for more invitations and what came of each; read again when
 * `version` changes (a new request was sent).
 */
export function AllotmentRequestsPanel({ version, onError }: { version: number; onError: (caught: unknown) => void }) {
  const list = usePagedList<AllotmentRequest>(onError, { emptyOnError: true });
  const { first } = list;

  useEffect(() => {
    void first(() => listOwnRequests());
  }, [first, version]);

  return (
    <section className="panel" aria-labelledby="allotment-requests-title" id="allotment-requests">
      <h2 id="allotment-requests-title">Your requests for more invitations</h2>
      {list.items === null ? (
        <Spinner />
      ) : list.items.length === 0 ? (
        <p className="muted">You have not asked for more invitations.</p>
      ) : (
        <>
          <ul className="cards" data-testid="allotment-requests">
            {list.items.map((request) => (
              <li key={request.id} className="card" data-request-id={request.id} data-status={request.status}>
                <div className="row">
                  <blockquote className="note grow">{request.reason}</blockquote>
                  <span className={`badge ${STATUS[request.status].className}`}>{STATUS[request.status].label}</span>
                </div>
                <p className="muted small">{outcome(request)}</p>
              </li>
            ))}
          </ul>
          <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => listOwnRequests(cursor))} />
        </>
      )}
    </section>
  );
}
