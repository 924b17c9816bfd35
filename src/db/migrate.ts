import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initialSchema from './migrations/0001-initial-schema.js';
import * as graph from './migrations/0002-graph.js';
import * as notifications from './migrations/0003-notifications.js';
import * as growth from './migrations/0004-growth.js';
import * as emailVerification from './migrations/0005-email-verification.js';
import * as introductionsAndMessages from './migrations/0006-introductions-messages.js';
import * as invitationIdempotency from './migrations/0007-invitation-idempotency.js';
import * as queueClaimIndexes from './migrations/0008-queue-claim-indexes.js';
import * as droppedInvitations from './migrations/0009-dropped-invitations.js';
import * as throttle from './migrations/0010-throttle.js';
import * as mailSuppression from './migrations/0011-mail-suppression.js';
import * as contactMemberShown from './migrations/0012-contact-member-shown.js';
import * as allotmentRequestOutcomes from './migrations/0013-allotment-request-outcomes.js';
import * as memberReports from './migrations/0014-member-reports.js';
import * as memberPhotos from './migrations/0016-member-photos.js';
import * as dataExports from './migrations/0018-data-exports.js';
import * as accountClosure from './migrations/0019-account-closure.js';

const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-graph': graph,
  '0003-notifications': notifications,
  '0004-growth': growth,
  '0005-email-verification': emailVerification,
  '0006-introductions-messages': introductionsAndMessages,
  '0007-invitation-idempotency': invitationIdempotency,
  '0008-queue-claim-indexes': queueClaimIndexes,
  '0009-dropped-invitations': droppedInvitations,
  '0010-throttle': throttle,
  '0011-mail-suppression': mailSuppression,
  '0012-contact-member-shown': contactMemberShown,
  '0013-allotment-request-outcomes': allotmentRequestOutcomes,
  '0014-member-reports': memberReports,
  '0016-member-photos': memberPhotos,
  '0018-data-exports': dataExports,
  '0019-account-closure': accountClosure,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every migration not yet applied; safe to run from several processes at once. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Unordered: a migration merged later with a lower number still runs on databases that have newer ones.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
