import { useEffect, useState } from 'react';
import { http } from '../../../ui/http.js';

export type NetworkCounts = { pendingReceived: number; pendingSent: number; connections: number };

export function getNetworkCounts(): Promise<NetworkCounts> {
  return http.get<NetworkCounts>('/me/network-counts');
}

/**
 * The My Network totals, read again whenever `freshness` or `more` changes (the path, or the account
 * object the session reloads after every answer), so the nav badge and the Manage box follow each action.
 */
export function useNetworkCounts(freshness: unknown, more?: unknown): NetworkCounts | null {
  const [counts, setCounts] = useState<NetworkCounts | null>(null);
  useEffect(() => {
    let live = true;
    getNetworkCounts().then(
      (answer) => {
        if (live) setCounts(answer);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [freshness, more]);
  return counts;
}
