import type { AppContext } from '../context.js';
import { quickAnswers, type QuickAnswer } from '../domain/invitation-answers.js';
import type { InvitationStatus } from '../domain/invitation.js';
import { findReceivedStatuses } from '../db/repositories/invitation-lists.js';

export interface NotifiedInvitation {
  id: number;
  /** As the recipient sees it now. */
  status: InvitationStatus;
  /** What the recipient may answer from the notification itself. */
  actions: QuickAnswer[];
}

/**
 * The invitation each "invitation received" notification is about, as it stands now, so the bell can
 * offer Accept and Ignore while it is pending and show the outcome after. A withdrawn invitation no
 * longer exists for its recipient: its notification gets `null`, as does one whose invitation is gone.
 */
export async function invitationsOfNotifications(
  ctx: AppContext,
  memberId: number,
  notifications: readonly { id: number; kind: string; payload: Record<string, unknown> }[],
): Promise<Map<number, NotifiedInvitation | null>> {
  const invitationIdOf = new Map<number, number>();
  for (const notification of notifications) {
    const id = Number(notification.payload.invitationId);
    if (notification.kind === 'invitation_received' && Number.isSafeInteger(id) && id > 0) invitationIdOf.set(notification.id, id);
  }
  const statuses = await findReceivedStatuses(ctx.db, memberId, [...new Set(invitationIdOf.values())]);
  const answer = new Map<number, NotifiedInvitation | null>();
  for (const [notificationId, invitationId] of invitationIdOf) {
    const status = statuses.get(invitationId);
    answer.set(notificationId, status === undefined || status === 'withdrawn' ? null : { id: invitationId, status, actions: quickAnswers(status) });
  }
  return answer;
}
