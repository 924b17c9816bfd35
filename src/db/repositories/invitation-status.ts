import type { Trx } from '../database.js';
import type { InvitationRow, InvitationStatus, ReportReason } from '../schema.js';

/** What a status change writes besides the status. */
export interface StatusChange {
  status: InvitationStatus;
  responded_at: Date;
  ignored_at?: Date;
  report_reason?: ReportReason;
  ended_by_closure?: boolean;
}

/**
 * The only writer of `invitations.status`, called by the one transition
 * (`use-cases/invitation-transition.ts`): moves the invitations among `ids` that are still in one
 * of `from`. The condition in the statement is what makes a doubled accept, or an accept racing a
 * withdraw, exact; `onlyRecipient` lets an accept check the recipient in the same statement.
 */
export async function writeInvitationStatus(
  trx: Trx,
  ids: readonly number[],
  from: readonly InvitationStatus[],
  change: StatusChange,
  onlyRecipient?: number,
): Promise<InvitationRow[]> {
  if (ids.length === 0) return [];
  let update = trx
    .updateTable('invitations')
    .set(change)
    .where('id', 'in', [...ids])
    .where('status', 'in', [...from]);
  if (onlyRecipient !== undefined) update = update.where('recipient_id', '=', onlyRecipient);
  return update.returningAll().execute();
}
