import type { AppContext } from '../context.js';
import { findIntroductionParties, findInvitationParties } from '../db/repositories/invitation-notifications.js';
import { findMemberSummaries, type MemberSummaryRow } from '../db/repositories/members.js';

const ABOUT_AN_INVITATION = new Set(['invitation_received', 'invitation_accepted', 'invitation_declined', 'invitation_reply']);
/** Whom an introduction's notification shows: the one asking to be introduced, or the introducer who declined. */
const INTRODUCTION_ACTOR = { introduction_requested: 'requesterId', introduction_received: 'requesterId', introduction_declined: 'introducerId' } as const;

/**
 * Who each notification is from, so the bell can show that person's photo or initials: the member a
 * payload names (`memberId`), else the other party of the invitation it is about, or the person an
 * introduction's notification names. Notifications from
 * nobody in particular (a restriction, a tier change) have no entry.
 */
export async function actorsOfNotifications(
  ctx: AppContext,
  memberId: number,
  notifications: readonly { id: number; kind: string; payload: Record<string, unknown> }[],
): Promise<Map<number, MemberSummaryRow>> {
  const invitationIds = new Set<number>();
  for (const n of notifications) {
    const invitationId = Number(n.payload.invitationId);
    if (idOf(n.payload.memberId) === null && ABOUT_AN_INVITATION.has(n.kind) && Number.isSafeInteger(invitationId) && invitationId > 0) invitationIds.add(invitationId);
  }
  const introductionIds = new Set(notifications.filter((n) => n.kind in INTRODUCTION_ACTOR).map((n) => idOf(n.payload.introductionId)).filter((id): id is number => id !== null));
  const [parties, introductions] = await Promise.all([findInvitationParties(ctx.db, memberId, [...invitationIds]), findIntroductionParties(ctx.db, memberId, [...introductionIds])]);
  const actorIdOf = new Map<number, number>();
  for (const n of notifications) {
    const named = idOf(n.payload.memberId);
    const party = parties.get(Number(n.payload.invitationId));
    const other = party ? (party.senderId === memberId ? party.recipientId : party.senderId) : null;
    const introduction = n.kind in INTRODUCTION_ACTOR ? introductions.get(idOf(n.payload.introductionId) ?? 0) : undefined;
    const introduced = introduction ? introduction[INTRODUCTION_ACTOR[n.kind as keyof typeof INTRODUCTION_ACTOR]] : null;
    const actorId = named ?? (ABOUT_AN_INVITATION.has(n.kind) ? other : introduced);
    if (actorId !== null && actorId !== memberId) actorIdOf.set(n.id, actorId);
  }
  const members = new Map((await findMemberSummaries(ctx.db, [...new Set(actorIdOf.values())])).map((m) => [Number(m.id), m]));
  const answer = new Map<number, MemberSummaryRow>();
  for (const [notificationId, actorId] of actorIdOf) {
    const member = members.get(actorId);
    if (member) answer.set(notificationId, member);
  }
  return answer;
}

function idOf(value: unknown): number | null {
  const id = Number(value);
  return (typeof value === 'string' || typeof value === 'number') && Number.isSafeInteger(id) && id > 0 ? id : null;
}
