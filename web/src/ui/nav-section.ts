import { useEffect, useSyncExternalStore } from 'react';

// Which top-level section a page belongs to, when its address alone cannot say: an invitation's page
// (/invitations/{id}) is under My Network for its recipient and under Sent for its sender.

let claim: { path: string; section: string } | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publish(next: typeof claim): void {
  claim = next;
  for (const listener of listeners) listener();
}

/** A page says which nav item it belongs under (`section`: that item's address), while it is shown at `path`. */
export function useClaimNavSection(path: string, section: string | null): void {
  useEffect(() => {
    if (section === null) return;
    publish({ path, section });
    return () => {
      if (claim?.path === path && claim.section === section) publish(null);
    };
  }, [path, section]);
}

/** The nav item a page at `path` has claimed, or null when the address decides. */
export function useNavSection(path: string): string | null {
  const current = useSyncExternalStore(subscribe, () => claim);
  return current && current.path === path ? current.section : null;
}
