import { useCallback, useEffect, useState } from 'react';
import type { Allowances } from './api-types.js';
import { http } from './http.js';

export const loadAllowances = () => http.get<Allowances>('/me/allowances');

/**
 * The member's monthly allowances (introductions, InMail) as the server counts them: read when the
 * page opens and again through `reload` after a send, never counted in the browser.
 */
export function useAllowances(): { allowances: Allowances | null; failed: boolean; reload: () => Promise<void> } {
  const [allowances, setAllowances] = useState<Allowances | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    try {
      setAllowances(await loadAllowances());
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { allowances, failed, reload };
}
