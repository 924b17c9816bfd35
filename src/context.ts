import type { Clock } from './domain/clock.js';
import type { Policy } from './domain/policy.js';
import type { Db } from './db/database.js';

/** What every use case may use: the database, the policy, the clock and the service's secret. */
export interface AppContext {
  db: Db;
  dialect: 'pglite' | 'postgres';
  policy: Policy;
  clock: Clock;
  /** Key for HMACs (captcha challenges, mail links, contact hashes); shared by all processes. */
  secret: string;
  adminEmails: ReadonlySet<string>;
  /** Where members reach the web app, for links in mail (`RAPPORT_PUBLIC_URL`, else the listening address). */
  publicUrl: string;
  /** Webhooks may target loopback, private and link-local addresses (`RAPPORT_WEBHOOK_PRIVATE_TARGETS=on`). */
  webhookPrivateTargets?: boolean;
  /** How webhook targets' names are resolved, for the check and the connection alike (real DNS unless a test sets it). */
  resolveHost?: (host: string) => Promise<string[]>;
}
