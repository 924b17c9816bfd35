import { createContext, useContext } from 'react';
import type { Account } from './api-types.js';

export interface Session {
  account: Account;
  /** Reloads /me: quota, standing and settings change after most actions. */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
